package dev.peersteam.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output that another thread keeps adding to (a child process's stdout, a console's screen), and waits until it shows
 * something: a wait wakes when the text grows, never polls or sleeps, and fails after its timeout (or at once when the
 * writer has ended) with everything that was shown. The one helper for every test that watches output.
 *
 * <p>Bytes are kept as written and read as UTF-8 as a whole, so a character split between two writes reads right.
 */
public final class GrowingText {
    private final String who;
    private final Duration timeout;
    private final UnaryOperator<String> view;
    private final Supplier<String> diagnosis;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private boolean ended;

    /** @param who what writes, for failures: "the console did not show ..." */
    public GrowingText(String who, Duration timeout) {
        this(who, timeout, UnaryOperator.identity(), () -> "");
    }

    /**
     * @param view what the waits see of the text (e.g. without a terminal's escape sequences)
     * @param diagnosis more to say when a wait fails (what the writer was doing)
     */
    public GrowingText(String who, Duration timeout, UnaryOperator<String> view, Supplier<String> diagnosis) {
        this.who = who;
        this.timeout = timeout;
        this.view = view;
        this.diagnosis = diagnosis;
    }

    public void append(String more) {
        byte[] encoded = more.getBytes(StandardCharsets.UTF_8);
        write(encoded, 0, encoded.length);
    }

    /** The text as a stream to write into (for a terminal that writes bytes). */
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                GrowingText.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
                GrowingText.this.write(buffer, offset, length);
            }
        };
    }

    private void write(byte[] buffer, int offset, int length) {
        lock.lock();
        try {
            bytes.write(buffer, offset, length);
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The writer is gone: a wait that is not met by now fails at once. */
    public void end() {
        lock.lock();
        try {
            ended = true;
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Everything so far, as the waits see it. */
    public String text() {
        lock.lock();
        try {
            return shown();
        } finally {
            lock.unlock();
        }
    }

    public int length() {
        return text().length();
    }

    /** The complete lines so far. */
    public List<String> lines() {
        String text = text();
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    /** Waits until the text contains {@code needle}; returns it up to the needle's end. */
    public String await(String needle) throws InterruptedException {
        return awaitFrom(0, needle);
    }

    /** Waits until the text from {@code mark} on contains {@code needle}; returns it from the mark to the needle's end. */
    public String awaitFrom(int mark, String needle) throws InterruptedException {
        return await('"' + needle + '"', timeout, text -> {
            String from = text.substring(Math.min(mark, text.length()));
            int at = from.indexOf(needle);
            return at < 0 ? null : from.substring(0, at + needle.length());
        });
    }

    /** The first match of {@code pattern} at or after {@code from}. */
    public Matcher awaitMatch(Pattern pattern, int from) throws InterruptedException {
        return await(pattern.toString(), timeout, text -> {
            Matcher matcher = pattern.matcher(text);
            return matcher.find(Math.min(from, text.length())) ? matcher : null;
        });
    }

    /** The first complete line that matches. */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(
                "a matching line",
                timeout,
                text -> text.substring(0, text.lastIndexOf('\n') + 1)
                        .lines()
                        .filter(match)
                        .findFirst()
                        .orElse(null));
    }

    /** Waits until {@code probe} finds what it looks for in the text (not null); {@code expected} names it. */
    public <T> T await(String expected, Duration timeout, Function<String, T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                T found = probe.apply(shown());
                if (found != null) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    throw new AssertionError(who + " did not show " + expected + " within " + timeout + "; it showed:\n"
                            + shown() + "\n" + diagnosis.get());
                }
                grown.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private String shown() {
        return view.apply(bytes.toString(StandardCharsets.UTF_8));
    }
}
