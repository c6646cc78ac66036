package dev.peersteam.bench;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.runtime.PeersDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A message after an idle spell: a real {@code peers-team up} with two sessions sits idle for a while (longer than
 * the 30 s after which the JDK retires idle carrier threads of the virtual-thread scheduler), then the person
 * sends a role a message. Measured: how long until the coordinator answers the request, and until the live log
 * shows the message going to the role; when nothing comes, what its virtual threads are doing.
 */
final class IdleBench {
    private IdleBench() {}

    /** {@code answerNanos} / {@code postedNanos} are -1 when they never came within the timeout. */
    record Result(
            List<String> jvmOptions,
            Duration idle,
            long answerNanos,
            long postedNanos,
            int carriers,
            List<String> virtualThreads) {}

    static Result run(Context context, List<String> jvmOptions, Duration idle, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = context.dir("idle-");
        Agents agents = new Agents(context);
        Path repo = TeamRepo.create(
                dir.resolve("repo"),
                context.env(),
                List.of(new TeamRepo.Role("lead", agents.tiny(null)), new TeamRepo.Role("dev", agents.tiny(null))));
        try (UpProcess up = UpProcess.start(context, repo, jvmOptions, "up", "team.yaml")) {
            up.awaitAllIdle(List.of("lead", "dev"), Duration.ofSeconds(60));
            Thread.sleep(idle.toMillis());
            int from = up.lineCount();
            long start = System.nanoTime();
            long answer = -1;
            try (ControlClient client = ControlClient.connect(PeersDir.of(repo).socket(), timeout)) {
                if (client.request(new ControlRequest.Send("dev", "after idle")) instanceof ControlResponse.Ok) {
                    answer = System.nanoTime() - start;
                }
            } catch (NoCoordinatorException | IOException e) {
                // no answer in time: reported as such
            }
            long posted = -1;
            try {
                posted = up.awaitFrom(
                                        from,
                                        line -> line.contains("-> dev: after idle"),
                                        answer < 0 ? Duration.ofMillis(1) : timeout)
                                .nanoTime()
                        - start;
            } catch (IllegalStateException e) {
                // never shown
            }
            if (answer >= 0 && posted >= 0) {
                up.stop(Duration.ofSeconds(30));
                return new Result(jvmOptions, idle, answer, posted, -1, List.of());
            }
            int carriers = ProcStat.threadsNamed(up.pid(), "ForkJoinPool-1-");
            List<String> threads = ThreadDump.virtualThreads(context.java(), up.pid(), dir.resolve("threads.txt"));
            up.close(); // a starved coordinator cannot be stopped politely
            return new Result(jvmOptions, idle, answer, posted, carriers, threads);
        }
    }
}
