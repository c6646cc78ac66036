package dev.peersteam.cli;

import dev.peersteam.board.Board;
import dev.peersteam.board.BoardText;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.ControlCodec;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.text.TerminalText;
import dev.peersteam.transcript.LogReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peers-team board [--json] [--watch]}: the task board, folded from the journal. The journal is the
 * board's source of truth (the coordinator writes it before anything else happens), so this works the same with
 * or without a running coordinator.
 */
@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        description = "Shows the team's task board: id, status, assignee, title, dependencies (* = not done yet)."
                + " Read from .peers/journal.jsonl, so it also works when the team is not running.",
        footer = {
            "",
            "Examples:",
            "  peers-team board",
            "  peers-team board --watch      # print it again on every change",
            "  peers-team board --json | jq '.tasks[] | select(.status != \"done\")'"
        })
public final class ShowBoardCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Option(names = "--json", description = "Print the board as JSON.")
    private boolean json;

    @Option(
            names = {"-w", "--watch"},
            description = "Keep watching; print the board again after every change.")
    private boolean watch;

    private Board board = Board.empty();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PeersDir dir = peers.peersDir();
        PrintWriter out = spec.commandLine().getOut();
        LogReader<JournalEntry> journal = new LogReader<>(dir.journal(), Journal::readLine);
        journal.readAvailable(this::apply);
        print(out);
        if (watch) {
            Board[] shown = {board};
            journal.follow(record -> {
                apply(record);
                if (!board.equals(shown[0])) {
                    shown[0] = board;
                    out.println("-- " + LocalTime.now().format(TIME) + " --");
                    print(out);
                }
            });
        }
        return ExitCodes.OK;
    }

    private void apply(JournalEntry entry) {
        if (entry.record() instanceof JournalRecord.BoardChanged changed) {
            board = board.apply(changed.change());
        }
    }

    private void print(PrintWriter out) {
        out.print(
                json
                        ? new ControlCodec().pretty(BoardView.of(board)) + "\n"
                        : TerminalText.lines(BoardText.render(board)));
        out.flush();
    }
}
