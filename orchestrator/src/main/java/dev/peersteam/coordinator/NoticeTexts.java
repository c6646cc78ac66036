package dev.peersteam.coordinator;

import dev.peersteam.board.Note;
import dev.peersteam.board.Task;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.git.BranchState;
import dev.peersteam.git.CommitInfo;
import dev.peersteam.team.ReservedNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The texts of watch notices: new commits for a commit watcher, a task in review or done for a task watcher, a
 * shared file changed by its owner, and a shared file changed by someone who does not own it. Pure; each message is
 * bounded, however many commits or how large a diff it is about.
 */
final class NoticeTexts {
    /** The sender of commit and task notices, as the models see it: {@code [from watch] ...}. */
    static final String WATCH = ReservedNames.WATCH;
    /** The sender of shared-file notices: {@code [from shared] ...}. */
    static final String SHARED = ReservedNames.SHARED;

    /** How many characters of patches one message carries, all its commits together; beyond that, stats. */
    static final int PATCH_BUDGET = 12_000;
    /** How many commits one message lists; older ones are counted. */
    static final int MAX_COMMITS = 20;
    /** How many file lines of a stat are kept (the summary line always is). */
    static final int STAT_LINES = 25;
    /** How long a task's details, or one of its notes, may be in a notice. */
    static final int MAX_TASK_TEXT = 2_000;

    private NoticeTexts() {}

    /** Commits of one author seen in one look at its branch; {@code total} counts those not read too. */
    record CommitBatch(String author, int total, List<CommitInfo> commits) {
        CommitBatch {
            commits = List.copyOf(commits);
        }
    }

    /** A task that reached review or done, as it was then, with its assignee's branch (null when unknown). */
    record TaskNotice(Task task, String movedBy, BranchState branch) {}

    /**
     * A commit of an owner that changed shared files.
     *
     * @param files each changed shared path (as git names it) with the owners of the shared entry covering it
     * @param patch the commit's patch of those paths; null when too long to quote
     */
    record SharedChange(String author, CommitInfo commit, Map<String, List<String>> files, String patch) {
        SharedChange {
            files = new LinkedHashMap<>(files);
        }
    }

    /** A shared path changed by a role that does not own it. */
    record Trespass(String path, List<String> owners) {}

    /**
     * One message with every commit in {@code batches} (several looks, several authors), oldest first per author:
     * each with its sha, subject, body and stat, and its patch while the message's {@link #PATCH_BUDGET} lasts.
     */
    static String commits(List<CommitBatch> batches) {
        Map<String, List<CommitInfo>> byAuthor = new LinkedHashMap<>();
        Map<String, Integer> hidden = new LinkedHashMap<>();
        for (CommitBatch batch : batches) {
            byAuthor.computeIfAbsent(batch.author(), a -> new ArrayList<>()).addAll(batch.commits());
            hidden.merge(batch.author(), batch.total() - batch.commits().size(), Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        int budget = PATCH_BUDGET;
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<String, List<CommitInfo>> entry : byAuthor.entrySet()) {
            String author = entry.getKey();
            List<CommitInfo> commits = entry.getValue();
            int older = hidden.get(author);
            if (commits.size() > MAX_COMMITS) {
                older += commits.size() - MAX_COMMITS;
                commits = commits.subList(commits.size() - MAX_COMMITS, commits.size());
            }
            int count = commits.size() + older;
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(count)
                    .append(count == 1 ? " new commit" : " new commits")
                    .append(" by ")
                    .append(author)
                    .append(" on peers/")
                    .append(author);
            if (older > 0) {
                text.append(" (the ")
                        .append(commits.size())
                        .append(" newest below; see the ")
                        .append(older)
                        .append(" before them with `git log peers/")
                        .append(author)
                        .append("`)");
            }
            text.append(":\n");
            for (CommitInfo commit : commits) {
                text.append("\ncommit ")
                        .append(commit.shortSha())
                        .append(commit.merge() ? " (merge)" : "")
                        .append(": ")
                        .append(commit.subject())
                        .append(commit.statSummary().isEmpty() ? "" : " (" + commit.statSummary() + ")")
                        .append('\n');
                if (!commit.body().isBlank()) {
                    commit.body()
                            .lines()
                            .forEach(line -> text.append("    ").append(line).append('\n'));
                }
                if (commit.patch() != null
                        && !commit.patch().isBlank()
                        && commit.patch().length() <= budget) {
                    text.append(fenced(commit.patch()));
                    budget -= commit.patch().length();
                    continue;
                }
                if (!commit.stat().isBlank()) {
                    text.append(boundedStat(commit.stat()));
                }
                if (commit.patchLength() > 0) {
                    text.append("(diff not included: ")
                            .append(size(commit.patchLength()))
                            .append("; see it with `git show ")
                            .append(commit.shortSha())
                            .append("`)\n");
                    leftOut.add(author);
                }
            }
        }
        List<String> authors = List.copyOf(byAuthor.keySet());
        if (!leftOut.isEmpty()) {
            text.append("\nDiffs beyond ")
                    .append(PATCH_BUDGET / 1000)
                    .append(" KB per message are left out; ")
                    .append(new LinkedHashSet<>(leftOut)
                            .stream()
                                    .map(a -> "`peers-team diff " + a + "`")
                                    .reduce((a, b) -> a + ", " + b)
                                    .orElseThrow())
                    .append(" shows all of a role's work against the base.\n");
        }
        text.append("\nYou watch the commits of ")
                .append(joinRoles(authors))
                .append(": review them as they land. "
                        + "Answer each author once with send_message: \"looks good\" in one line, or concrete concerns (file, "
                        + "line, why, a fix). All worktrees share one repository: `git show SHA` works in yours.");
        return text.toString();
    }

    /** One message with every task of {@code notices}, each with its details, notes and its branch. */
    static String tasks(List<TaskNotice> notices) {
        StringBuilder text = new StringBuilder();
        Set<String> authors = new LinkedHashSet<>();
        for (TaskNotice notice : notices) {
            Task task = notice.task();
            authors.add(task.assignee());
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("Task ")
                    .append(task.id())
                    .append(" \"")
                    .append(task.title())
                    .append("\" of ")
                    .append(task.assignee())
                    .append(" is ")
                    .append(task.status().wire());
            if (!notice.movedBy().equals(task.assignee())) {
                text.append(" (moved by ").append(notice.movedBy()).append(')');
            }
            text.append(".\n");
            if (!task.details().isBlank()) {
                text.append("Details: ")
                        .append(cut(task.details().strip(), MAX_TASK_TEXT))
                        .append('\n');
            }
            if (!task.notes().isEmpty()) {
                text.append("Notes:\n");
                for (Note note : task.notes()) {
                    text.append("- ")
                            .append(note.by())
                            .append(": ")
                            .append(cut(note.text().strip(), MAX_TASK_TEXT))
                            .append('\n');
                }
            }
            text.append(branch(notice.branch()));
        }
        String ids = notices.stream()
                .map(n -> n.task().id())
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        String example = notices.getFirst().task().id();
        text.append("\nYou watch the tasks of ")
                .append(joinRoles(authors))
                .append(": test ")
                .append(notices.size() == 1 ? "this work" : "this work (" + ids + ")")
                .append(" now. If it passes, tell the author in one line with send_message. If it does not, fail it"
                        + " with update_task {\"id\":\"")
                .append(example)
                .append("\",\"status\":\"failed\",\"note\":"
                        + "\"steps to reproduce\"} and tell the author with send_message.");
        return text.toString();
    }

    private static String branch(BranchState branch) {
        if (branch == null || branch.head() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append("Branch ")
                .append(branch.branch())
                .append(" is at ")
                .append(branch.shortHead())
                .append(", ")
                .append(branch.ahead())
                .append(branch.ahead() == 1 ? " commit" : " commits")
                .append(" ahead of the team's base")
                .append(branch.stat().isBlank() ? ".\n" : ":\n");
        if (!branch.stat().isBlank()) {
            text.append(boundedStat(branch.stat()));
        }
        if (!branch.uncommitted().isEmpty()) {
            List<String> paths = branch.uncommitted();
            text.append("Not committed yet (so not on the branch): ")
                    .append(String.join(", ", paths.subList(0, Math.min(10, paths.size()))))
                    .append(paths.size() > 10 ? " and " + (paths.size() - 10) + " more" : "")
                    .append(".\n");
        }
        return text.toString();
    }

    /** One message about shared files changed by their owners, with the diffs while the budget lasts. */
    static String sharedChanges(List<SharedChange> changes) {
        StringBuilder text = new StringBuilder();
        int budget = PATCH_BUDGET;
        Map<String, String> latest = new LinkedHashMap<>();
        for (SharedChange change : changes) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            List<String> paths = List.copyOf(change.files().keySet());
            text.append(change.author())
                    .append(" changed the shared ")
                    .append(paths.size() == 1 ? "file " : "files ")
                    .append(String.join(", ", paths))
                    .append(" in commit ")
                    .append(change.commit().shortSha())
                    .append(" \"")
                    .append(change.commit().subject())
                    .append("\" on peers/")
                    .append(change.author())
                    .append(":\n");
            if (change.patch() != null
                    && !change.patch().isBlank()
                    && change.patch().length() <= budget) {
                text.append(fenced(change.patch()));
                budget -= change.patch().length();
            } else {
                text.append("(diff not included: too long for this message; see it with `git show ")
                        .append(change.commit().shortSha())
                        .append(" -- ")
                        .append(String.join(" ", paths))
                        .append("`)\n");
            }
            paths.forEach(p -> latest.put(p, change.author()));
        }
        Map.Entry<String, String> first = latest.entrySet().iterator().next();
        text.append("\nShared files are contracts the whole team works to; only their owners change them. Build "
                        + "against the new version: read it with `git show peers/")
                .append(first.getValue())
                .append(':')
                .append(first.getKey())
                .append("`. If something in it does not work for you, tell its owner with "
                        + "send_message rather than changing it.");
        return text.toString();
    }

    /** What a role that changed shared files it does not own is told. */
    static String trespass(List<Trespass> paths, String baseCommit) {
        Map<List<String>, List<String>> byOwners = new LinkedHashMap<>();
        for (Trespass t : paths) {
            byOwners.computeIfAbsent(t.owners(), o -> new ArrayList<>()).add(t.path());
        }
        StringBuilder text = new StringBuilder("You changed ");
        List<String> parts = new ArrayList<>();
        byOwners.forEach((owners, files) -> parts.add(String.join(", ", files)
                + (files.size() == 1 ? ", a shared file owned by " : ", shared files owned by ")
                + joinRoles(owners)));
        text.append(String.join("; and ", parts))
                .append(". Shared files are contracts the whole team works to, and "
                        + "only their owners change them. Put ")
                .append(paths.size() == 1 ? "it" : "them")
                .append(" back as on the team's base (`git checkout ")
                .append(shortSha(baseCommit))
                .append(" -- ")
                .append(String.join(" ", paths.stream().map(Trespass::path).toList()))
                .append("`, and commit if you had committed the change), and propose the change to ")
                .append(joinRoles(byOwners.keySet().stream()
                        .flatMap(List::stream)
                        .distinct()
                        .toList()))
                .append(" with send_message instead.");
        return text.toString();
    }

    /** The line the person sees when a role changes a shared file it does not own. */
    static String trespassLogLine(String role, List<Trespass> paths) {
        return "shared: " + role + " changed "
                + String.join(
                        ", ",
                        paths.stream()
                                .map(t -> t.path() + " (owned by " + String.join(", ", t.owners()) + ")")
                                .toList())
                + "; told it to propose the change to the owner";
    }

    private static String fenced(String patch) {
        String body = patch.endsWith("\n") ? patch : patch + "\n";
        return "```diff\n" + body + "```\n";
    }

    /** A stat with at most {@link #STAT_LINES} file lines, then its summary line. */
    static String boundedStat(String stat) {
        List<String> lines = stat.stripTrailing().lines().toList();
        if (lines.size() <= STAT_LINES + 1) {
            return String.join("\n", lines) + "\n";
        }
        List<String> kept = new ArrayList<>(lines.subList(0, STAT_LINES));
        kept.add(" ... " + (lines.size() - STAT_LINES - 1) + " more lines");
        String summary = lines.stream()
                .filter(l -> l.matches("\\s*\\d+ files? changed.*"))
                .reduce((a, b) -> b)
                .orElse(null);
        if (summary != null) {
            kept.add(summary);
        }
        return String.join("\n", kept) + "\n";
    }

    private static String size(int chars) {
        return chars < 1000 ? chars + " characters" : String.format(Locale.ROOT, "%.1f KB", chars / 1000.0);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + " [...]";
    }

    private static String shortSha(String sha) {
        return sha == null ? "BASE" : sha.substring(0, Math.min(10, sha.length()));
    }

    private static String joinRoles(java.util.Collection<String> roles) {
        List<String> list = List.copyOf(new LinkedHashSet<>(roles));
        if (list.size() == 1) {
            return list.getFirst();
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.getLast();
    }

    /** Whether a task reaching {@code status} is sent to its assignee's task watchers: review and done. */
    static boolean notifies(TaskStatus status) {
        return status == TaskStatus.REVIEW || status == TaskStatus.DONE;
    }
}
