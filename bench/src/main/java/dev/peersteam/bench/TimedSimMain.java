package dev.peersteam.bench;

import dev.peersteam.agent.sim.SimAgent;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The simulated agent ({@link SimAgent}, unchanged) with a stopwatch on its own stdin and stdout, for the round
 * trip A → B → A between two agent processes. It notes {@link System#nanoTime()} when it writes a
 * {@code send_message} tool call (the line leaves for the coordinator) and when a user message {@code [from PEER]}
 * arrives on its stdin (read by the agent), and appends each pair to {@code --timing-file}: both instants are taken in
 * this one process, so no clock is compared across processes.
 *
 * <p>Usage: {@code TimedSimMain --timing-file FILE --reply-from PEER <the sim agent's arguments>}.
 */
public final class TimedSimMain {
    private TimedSimMain() {}

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>();
        Path timing = null;
        String peer = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--timing-file" -> timing = Path.of(args[++i]);
                case "--reply-from" -> peer = args[++i];
                default -> rest.add(args[i]);
            }
        }
        if (timing == null || peer == null) {
            System.err.println("usage: TimedSimMain --timing-file FILE --reply-from PEER <sim agent arguments>");
            Runtime.getRuntime().halt(2);
        }
        Stopwatch stopwatch = new Stopwatch(timing, "[from " + peer + "] ");
        InputStream in = new LineTapIn(System.in, stopwatch::input);
        OutputStream out = new LineTapOut(new FileOutputStream(FileDescriptor.out), stopwatch::output);
        int code =
                SimAgent.run(in, out, System.err, System.getenv(), Path.of("").toAbsolutePath(), rest);
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** Pairs "our send_message call went out" with "the peer's message came in". */
    static final class Stopwatch {
        private final OutputStream file;
        private final String replyMarker;
        private long sentAt = -1;

        Stopwatch(Path path, String replyMarker) throws IOException {
            this.file = new FileOutputStream(path.toFile(), true);
            this.replyMarker = replyMarker;
        }

        synchronized void output(String lineStart, long now) {
            if (lineStart.contains("\"control_request\"")
                    && lineStart.contains("tools/call")
                    && lineStart.contains("\"send_message\"")) {
                sentAt = now;
            }
        }

        synchronized void input(String lineStart, long now) {
            if (sentAt >= 0 && lineStart.startsWith("{\"type\":\"user\"") && lineStart.contains(replyMarker)) {
                try {
                    file.write((sentAt + " " + now + " " + (now - sentAt) + "\n").getBytes(StandardCharsets.UTF_8));
                    file.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sentAt = -1;
            }
        }
    }

    /** Collects the first bytes of each line that passes and reports it, with the instant its end passed. */
    private static final class LineCollector {
        private static final int KEEP = 2048;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final BiConsumer<String, Long> sink;

        LineCollector(BiConsumer<String, Long> sink) {
            this.sink = sink;
        }

        void bytes(byte[] b, int off, int len, long now) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    sink.accept(line.toString(StandardCharsets.UTF_8), now);
                    line.reset();
                } else if (line.size() < KEEP) {
                    line.write(b[i]);
                }
            }
        }
    }

    private static final class LineTapIn extends FilterInputStream {
        private final LineCollector lines;

        LineTapIn(InputStream in, BiConsumer<String, Long> sink) {
            super(in);
            this.lines = new LineCollector(sink);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                lines.bytes(new byte[] {(byte) b}, 0, 1, System.nanoTime());
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                lines.bytes(b, off, n, System.nanoTime());
            }
            return n;
        }
    }

    private static final class LineTapOut extends FilterOutputStream {
        private final LineCollector lines;

        LineTapOut(OutputStream out, BiConsumer<String, Long> sink) {
            super(out);
            this.lines = new LineCollector(sink);
        }

        @Override
        public void write(int b) throws IOException {
            lines.bytes(new byte[] {(byte) b}, 0, 1, System.nanoTime());
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lines.bytes(b, off, len, System.nanoTime());
            out.write(b, off, len);
        }
    }
}
