package dev.peersteam.chaos;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Signals Java has no call for: SIGSTOP and SIGCONT, through {@code kill(1)}. SIGKILL is {@code destroyForcibly}. */
final class Signals {
    private Signals() {}

    static void stop(ProcessHandle process) throws IOException, InterruptedException {
        send("-STOP", process);
    }

    static void resume(ProcessHandle process) throws IOException, InterruptedException {
        send("-CONT", process);
    }

    private static void send(String signal, ProcessHandle process) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        kill.getOutputStream().close();
        String output = new String(kill.getInputStream().readAllBytes());
        if (!kill.waitFor(10, TimeUnit.SECONDS) || (kill.exitValue() != 0 && process.isAlive())) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed: " + output);
        }
    }
}
