package dev.peersteam.console;

import dev.peersteam.text.TerminalText;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first, then what each command takes: role names ({@code all} too for
 * {@code send}), request ids of tool calls waiting for a person (with role and call as description), task ids
 * after {@code --after}. Reads only the console's {@link TeamView}, so it never waits for the network.
 */
final class ConsoleCompleter implements Completer {
    private final TeamView view;

    ConsoleCompleter(TeamView view) {
        this.view = view;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        int index = line.wordIndex();
        List<String> words = line.words();
        if (index == 0) {
            ConsoleCommands.NAMES.forEach(
                    name -> candidates.add(new Candidate(name, name, "commands", describe(name), null, null, true)));
            return;
        }
        TeamView.Snapshot snapshot = view.snapshot();
        String command = words.getFirst();
        String previous = words.get(index - 1);
        if (previous.equals("--after")) {
            tasks(snapshot, candidates);
            return;
        }
        if (index != 1) {
            return;
        }
        switch (command) {
            case "send" -> {
                roles(snapshot, candidates);
                candidates.add(new Candidate("all", "all", "roles", "every role", null, null, true));
            }
            case "assign", "interrupt", "show", "tail", "logs" -> roles(snapshot, candidates);
            case "approve", "always", "deny" ->
                snapshot.waiting()
                        .forEach(w -> candidates.add(new Candidate(
                                w.id(),
                                TerminalText.line(w.id()),
                                "waiting for you",
                                TerminalText.line(w.role() + ": " + w.summary()),
                                null,
                                null,
                                true)));
            case "help" -> ConsoleCommands.NAMES.forEach(name -> candidates.add(new Candidate(name)));
            default -> {}
        }
    }

    private static void roles(TeamView.Snapshot snapshot, List<Candidate> candidates) {
        snapshot.roles()
                .forEach(role -> candidates.add(new Candidate(
                        role.name(),
                        TerminalText.line(role.name()),
                        "roles",
                        TerminalText.line(role.state()),
                        null,
                        null,
                        true)));
    }

    private static void tasks(TeamView.Snapshot snapshot, List<Candidate> candidates) {
        snapshot.tasks()
                .forEach(task -> candidates.add(new Candidate(
                        task.id(),
                        TerminalText.line(task.id()),
                        "tasks",
                        TerminalText.line(task.status() + ": " + task.title()),
                        null,
                        null,
                        true)));
    }

    private static String describe(String name) {
        return ConsoleCommands.ENTRIES.stream()
                .filter(e -> e.name().equals(name))
                .map(ConsoleCommands.Entry::text)
                .findFirst()
                .orElse(
                        switch (name) {
                            case "ps" -> "the same as roles";
                            case "exit" -> "the same as quit";
                            default -> null;
                        });
    }
}
