package dev.peersteam.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The command line's quick path: hands a quick verb's arguments to the running coordinator
 * ({@link ControlRequest.Verb}), which runs the verb in its warm process, and gives back what the verb printed, as
 * maven-mvnd's client does with its daemon. Writes and reads its two lines with jackson-core's streaming API only,
 * not with the mapper {@link ControlCodec} is built on: building that mapper and its serializers, and picocli's
 * command model, is what a cold JVM spends most of a quick verb on, and this path exists to skip both. Tests hold
 * the two codecs to agree.
 *
 * <p>Exactly once: the verb is run here instead ({@link NotRun}) only when the coordinator certainly did not run it
 * — no socket, nobody listening, or an answer saying it was not taken. Once the line is sent, a lost connection is
 * {@link Lost}, never a reason to run the verb a second time.
 */
public final class VerbClient {
    /** How long to wait for the verb's answer (its own request to the coordinator waits up to 30 s). */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long to keep asking while the coordinator has no connection free ({@code too_many_connections}: the verb
     * was not taken, so asking again is safe). A burst of verbs from a script waits its turn instead of failing.
     */
    static final Duration BUSY_FOR_AT_MOST = Duration.ofSeconds(10);

    private static final Duration FIRST_BUSY_WAIT = Duration.ofMillis(5);
    private static final Duration LONGEST_BUSY_WAIT = Duration.ofMillis(250);

    /** Error answers that mean the verb was not taken at all (refused before it ran). */
    private static final Set<String> NOT_TAKEN = Set.of(
            ControlResponse.Error.UNKNOWN_REQUEST,
            ControlResponse.Error.BAD_REQUEST,
            ControlResponse.Error.UNSUPPORTED_VERSION,
            ControlResponse.Error.NOT_ALLOWED);

    private static final JsonFactory JSON = new JsonFactory();

    private VerbClient() {}

    /** What came of asking. */
    public sealed interface Outcome {}

    /** The coordinator ran the verb: print this. */
    public record Ran(VerbOutput output) implements Outcome {}

    /** Nothing was run, and the caller should run the verb itself; {@code why} is for tests and debugging. */
    public record NotRun(String why) implements Outcome {}

    /** The verb was sent and may have run, but no usable answer came: report it, do not run it again. */
    public record Lost(String why) implements Outcome {}

    /** The coordinator answered with an error after taking the verb (it was stopping, or failed inside). */
    public record Failed(ControlResponse.Error error) implements Outcome {}

    /** Every connection of the coordinator's is taken: not run, and worth asking again shortly. */
    record Busy(String why) implements Outcome {}

    public static Outcome run(Path socket, List<String> argv, Path cwd) {
        return run(socket, argv, cwd, TIMEOUT, BUSY_FOR_AT_MOST);
    }

    /**
     * Sends the verb, and again while the coordinator is busy (with a growing, jittered wait; there is no event that
     * says a connection is free), for up to {@code busyFor}.
     */
    static Outcome run(Path socket, List<String> argv, Path cwd, Duration timeout, Duration busyFor) {
        long giveUpAt = System.nanoTime() + busyFor.toNanos();
        Duration wait = FIRST_BUSY_WAIT;
        while (true) {
            Outcome outcome = once(socket, argv, cwd, timeout);
            if (!(outcome instanceof Busy busy)) {
                return outcome;
            }
            if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                return new NotRun(busy.why());
            }
            try {
                Thread.sleep(wait.toMillis() / 2 + ThreadLocalRandom.current().nextLong(wait.toMillis() / 2 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new NotRun(busy.why());
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_BUSY_WAIT) > 0 ? LONGEST_BUSY_WAIT : wait.multipliedBy(2);
        }
    }

    private static Outcome once(Path socket, List<String> argv, Path cwd, Duration timeout) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return new NotRun("no control socket at " + socket);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            return new NotRun("nobody listens on " + socket + ": " + e.getMessage());
        } catch (IOException e) {
            // EAGAIN: the socket's queue of connections not yet accepted is full, as in a burst
            return new Busy("cannot connect to " + socket + ": " + e.getMessage());
        }
        // Not polling: a one-off timer closes the channel, which ends the blocked read.
        CompletableFuture<Boolean> watchdog = new CompletableFuture<>();
        watchdog.completeOnTimeout(Boolean.TRUE, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(expired -> {
                    if (expired) {
                        closeQuietly(channel);
                    }
                });
        try (channel) {
            LineReader lines = new LineReader(channel, ControlCodec.MAX_SERVER_LINE_BYTES);
            try {
                write(channel, request(argv, cwd));
            } catch (IOException e) {
                // Refused at the door (another user, too many connections): the server's last line says so. Without
                // it, the line did not get through whole, so it was not taken: worth another try.
                return lines.next() instanceof LineReader.Line line
                        ? answer(line.text(), true)
                        : new Busy("cannot send to the coordinator: " + e.getMessage());
            }
            // instanceof, not a pattern switch: that bootstraps a class at run time, which no AOT cache holds, and
            // this path is all start-up
            LineReader.Next next = lines.next();
            if (next instanceof LineReader.Line line) {
                return answer(line.text(), false);
            }
            return new Lost(
                    next instanceof LineReader.TooLong
                            ? "the coordinator's answer is too long"
                            : "the coordinator closed the connection without answering");
        } catch (IOException e) {
            return new Lost(watchdog.isDone() ? "the coordinator did not answer within " + timeout : String.valueOf(e));
        } finally {
            watchdog.complete(Boolean.FALSE);
        }
    }

    /** The request line: {@code {"v":1,"type":"verb","argv":[...],"cwd":"/..."}}. */
    static String request(List<String> argv, Path cwd) throws IOException {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("v", ControlCodec.VERSION);
            json.writeStringField("type", "verb");
            json.writeArrayFieldStart("argv");
            for (String arg : argv) {
                json.writeString(arg);
            }
            json.writeEndArray();
            json.writeStringField("cwd", cwd.toAbsolutePath().normalize().toString());
            json.writeEndObject();
        }
        return line.toString();
    }

    /**
     * The answer line: {@code ok} with the verb's output, or {@code error}. {@code beforeSending}: the request never
     * reached the server, so any error means it was not run.
     */
    static Outcome answer(String line, boolean beforeSending) {
        String type = null;
        String code = null;
        String message = "";
        VerbOutput output = null;
        try (JsonParser json = JSON.createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return new Lost("unreadable answer from the coordinator");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "type" -> type = json.getValueAsString();
                    case "code" -> code = json.getValueAsString();
                    case "message" -> message = json.getValueAsString("");
                    case "body" -> output = json.currentToken() == JsonToken.START_OBJECT ? body(json) : null;
                    default -> json.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Lost("unreadable answer from the coordinator: " + e.getMessage());
        }
        if ("ok".equals(type) && output != null) {
            return new Ran(output);
        }
        if ("error".equals(type) && code != null) {
            ControlResponse.Error error = new ControlResponse.Error(code, message);
            if (code.equals(ControlResponse.Error.TOO_MANY_CONNECTIONS)) {
                return new Busy(code + ": " + message);
            }
            return beforeSending || NOT_TAKEN.contains(code) ? new NotRun(code + ": " + message) : new Failed(error);
        }
        return new Lost("unexpected answer from the coordinator");
    }

    private static VerbOutput body(JsonParser json) throws IOException {
        String out = "";
        String err = "";
        Integer exit = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "out" -> out = json.getValueAsString("");
                case "err" -> err = json.getValueAsString("");
                case "exit" -> exit = json.currentToken() == JsonToken.VALUE_NUMBER_INT ? json.getIntValue() : null;
                default -> json.skipChildren();
            }
        }
        return exit == null ? null : new VerbOutput(out, err, exit);
    }

    private static void write(SocketChannel channel, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed is closed
        }
    }
}
