package dev.peersteam.team;

import dev.peersteam.team.RoleReader.Draft;
import dev.peersteam.team.ValueReader.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every role's {@code watches:} against the whole team: the watched roles exist, no role watches itself or
 * lists a role twice, and commit watches form no cycle.
 *
 * <h2>Why commit-watch cycles are errors and task watches are not</h2>
 *
 * A watch notification is a message <em>to</em> the watcher, and a message starts a turn. If {@code reviewer} watches
 * {@code backend}'s commits and {@code backend} watches {@code reviewer}'s commits, then a commit by either is sent to
 * the other, whose natural reaction to a diff (fix, adjust, answer in code) is another commit, which is sent back:
 * the pair echoes for as long as the budget lasts, with no one deciding to go on. The same holds around any longer
 * cycle ({@code a → b → c → a}). So a cycle of commit watches is refused, with the roles named in order.
 *
 * <p>Task watches do not echo. A task notification is sent when a watched role moves one of <em>its</em> tasks to
 * {@code review} or {@code done}; receiving one does not move any task of the watcher. For a notification to go back,
 * the watcher must itself bring a task of its own to {@code review} or {@code done} — a deliberate board change that
 * happens once per piece of work, and a task that is {@code done} does not become {@code done} again unless someone
 * reopens it. A loop through task watches therefore needs new work at every step and ends when the work ends (QA
 * failing a builder's task moves it to {@code failed}, which notifies no one). For the same reason a cycle that
 * mixes commit and task watches is allowed: its task step needs a deliberate board change each time round.
 */
final class WatchesChecker {
    private final Problems problems;

    WatchesChecker(Problems problems) {
        this.problems = problems;
    }

    /** Each role's valid watches, by role name; everything invalid is reported and left out. */
    Map<String, WatchedRoles> check(List<Draft> drafts) {
        List<String> names = drafts.stream().map(Draft::name).toList();
        KnownKeys roleNames = new KnownKeys(names, Map.of());
        Map<String, WatchedRoles> watches = new LinkedHashMap<>();
        // For the cycle check: who watches whose commits, and where each such watch is written.
        Map<String, Map<String, Text>> commitEdges = new LinkedHashMap<>();
        for (Draft draft : drafts) {
            List<Text> commits = valid(draft.name(), "commits", draft.watches().commits(), roleNames);
            List<Text> tasks = valid(draft.name(), "tasks", draft.watches().tasks(), roleNames);
            watches.put(draft.name(), new WatchedRoles(values(commits), values(tasks)));
            Map<String, Text> edges = new LinkedHashMap<>();
            commits.forEach(watched -> edges.put(watched.value(), watched));
            commitEdges.put(draft.name(), edges);
        }
        reportCycles(names, commitEdges);
        return watches;
    }

    private List<Text> valid(String watcher, String kind, List<Text> listed, KnownKeys roleNames) {
        List<Text> kept = new ArrayList<>();
        Map<String, Text> seen = new HashMap<>();
        for (Text role : listed) {
            String name = role.value();
            Text earlier = seen.putIfAbsent(name, role);
            if (earlier != null) {
                problems.at(
                        role.node(),
                        "'" + name + "' is listed twice in the " + kind + " watches of role '" + watcher
                                + "' (first at line "
                                + (earlier.node().getStartMark().getLine() + 1) + ")",
                        "delete one of them");
            } else if (name.equals(watcher)) {
                problems.at(
                        role.node(),
                        "role '" + watcher + "' watches its own " + kind,
                        "delete '" + name + "' here: a role knows its own " + kind + " already; watch other roles");
            } else if (!roleNames.contains(name)) {
                problems.at(
                        role.node(),
                        "role '" + watcher + "' watches the " + kind + " of '" + name + "', but the team has no role '"
                                + name + "'",
                        unknownRoleFix(name, roleNames));
            } else {
                kept.add(role);
            }
        }
        return kept;
    }

    /** The fix for a name that is not a role: the closest role name, and always the team's roles. */
    static String unknownRoleFix(String name, KnownKeys roleNames) {
        String roles = "the team's roles: " + String.join(", ", roleNames.keys());
        Optional<ReservedNames.Reserved> reserved = ReservedNames.find(name);
        if (reserved.isPresent()) {
            return "'" + name + "' is not a role but a reserved name ("
                    + reserved.get().why() + "): name each role, " + roles;
        }
        return roleNames
                .closestTo(name)
                .map(role -> "did you mean '" + role + "'? " + roles)
                .orElse(roles);
    }

    private static List<String> values(List<Text> texts) {
        return texts.stream().map(Text::value).toList();
    }

    /**
     * One problem per group of roles whose commit watches reach each other (a strongly connected component of the
     * watch graph), naming one cycle through it and placed at the watch that starts it. Fixing that cycle and
     * validating again reports any cycle left in the group.
     */
    private void reportCycles(List<String> names, Map<String, Map<String, Text>> edges) {
        for (List<String> group : stronglyConnected(names, edges)) {
            if (group.size() < 2) {
                continue; // a role cannot watch itself; that is reported above
            }
            List<String> cycle = shortestCycleThrough(group.getFirst(), Set.copyOf(group), edges);
            Text firstWatch = edges.get(cycle.get(0)).get(cycle.get(1));
            String path = String.join(" → ", cycle);
            List<String> steps = new ArrayList<>();
            for (int i = 0; i + 1 < cycle.size(); i++) {
                steps.add(cycle.get(i) + " watches " + cycle.get(i + 1) + "'s commits");
            }
            List<String> rest =
                    group.stream().filter(role -> !cycle.contains(role)).toList();
            String others = rest.isEmpty()
                    ? ""
                    : "; " + String.join(", ", rest) + (rest.size() == 1 ? " also takes" : " also take")
                            + " part in this loop";
            problems.at(
                    firstWatch.node(),
                    "commit watches form a cycle: " + path + " (" + String.join(", ", steps)
                            + "): each commit is sent to the role that watches it, whose answering commit is sent on"
                            + " around the cycle, forever"
                            + others,
                    "break the cycle: make one of these a task watch ('watches: {tasks: [...]}'; a task is sent"
                            + " only when its author moves it to review or done, which does not echo), or delete"
                            + " one of these commit watches");
        }
    }

    /** Tarjan's algorithm, iteratively; each component lists its roles in file order. */
    private static List<List<String>> stronglyConnected(List<String> names, Map<String, Map<String, Text>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String start : names) {
            if (!index.containsKey(start)) {
                connect(start, edges, index, low, stack, onStack, components, counter);
            }
        }
        return components.stream()
                .map(component -> names.stream().filter(component::contains).toList())
                .sorted(Comparator.comparingInt(component -> names.indexOf(component.getFirst())))
                .toList();
    }

    private static void connect(
            String role,
            Map<String, Map<String, Text>> edges,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<List<String>> components,
            int[] counter) {
        // Teams are small, so plain recursion is deep enough: at most one frame per role.
        index.put(role, counter[0]);
        low.put(role, counter[0]);
        counter[0]++;
        stack.push(role);
        onStack.add(role);
        for (String next : edges.getOrDefault(role, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, edges, index, low, stack, onStack, components, counter);
                low.put(role, Math.min(low.get(role), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(role, Math.min(low.get(role), index.get(next)));
            }
        }
        if (low.get(role).equals(index.get(role))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(role));
            components.add(component);
        }
    }

    /** The shortest cycle from {@code start} back to it within {@code group}, as [start, ..., start]. */
    private static List<String> shortestCycleThrough(
            String start, Set<String> group, Map<String, Map<String, Text>> edges) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String role = queue.removeFirst();
            for (String next : edges.getOrDefault(role, Map.of()).keySet()) {
                if (!group.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String at = role; !at.equals(start); at = cameFrom.get(at)) {
                        cycle.add(1, at);
                    }
                    cycle.add(start);
                    return cycle;
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, role);
                    queue.addLast(next);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start + " in its strongly connected group " + group);
    }
}
