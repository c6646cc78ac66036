package dev.peersteam.cli;

import dev.peersteam.control.EventLine;
import dev.peersteam.control.TeamEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** The readable live log of {@code up}: one line per event ({@link EventLine}), prefixed with the time. */
public final class LiveLog implements Consumer<TeamEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;
    private final Clock clock;
    private final boolean verbose;

    public LiveLog(PrintWriter out, Clock clock, boolean verbose) {
        this.out = out;
        this.clock = clock;
        this.verbose = verbose;
    }

    @Override
    public void accept(TeamEvent event) {
        String line = EventLine.format(event, verbose);
        if (line != null) {
            synchronized (out) {
                out.println(LocalTime.now(clock).format(TIME) + " " + line);
                out.flush();
            }
        }
    }
}
