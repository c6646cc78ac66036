package dev.peersteam.console;

import java.io.IOError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.NonBlockingReader;

/**
 * Runs something that goes on by itself ({@code tail}, {@code logs -f}, {@code board --watch}) on a thread of its
 * own until a key is pressed (the key is taken, not typed into the next line), Ctrl-C, the end of input, or until
 * it ends by itself; then interrupts it and waits for it.
 */
final class UntilKey {
    private static final Duration JOIN = Duration.ofSeconds(5);
    private static final Duration KEY_WAIT = Duration.ofDays(1);

    private UntilKey() {}

    /** The work must end when its thread is interrupted. */
    static void run(Terminal terminal, Runnable work) throws InterruptedException {
        Thread console = Thread.currentThread();
        Object lock = new Object();
        boolean[] waiting = {true};
        Runnable wake = () -> {
            synchronized (lock) {
                if (waiting[0]) {
                    waiting[0] = false;
                    console.interrupt();
                }
            }
        };
        Thread worker = Thread.ofVirtual().name("console-follow").start(() -> {
            try {
                work.run();
            } finally {
                wake.run();
            }
        });
        SignalHandler previous = terminal.handle(Signal.INT, signal -> wake.run());
        Attributes cooked = terminal.enterRawMode();
        try {
            // With a timeout the wait is interruptible (JLine reads on its own thread); without one it is not.
            while (terminal.reader().read(KEY_WAIT.toMillis()) == NonBlockingReader.READ_EXPIRED) {
                // nothing pressed in a day: keep waiting
            }
        } catch (InterruptedIOException e) {
            // the work ended by itself, or Ctrl-C
        } catch (IOException | IOError e) {
            // no more input: stop all the same
        } finally {
            synchronized (lock) {
                waiting[0] = false;
            }
            Thread.interrupted(); // a wake-up that came after the key
            terminal.setAttributes(cooked);
            terminal.handle(Signal.INT, previous);
            worker.interrupt();
            worker.join(JOIN);
        }
    }
}
