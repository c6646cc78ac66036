package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process's virtual threads are doing, from {@code jcmd PID Thread.dump_to_file} (the only dump that lists
 * virtual threads): counted by name prefix ({@code reader}, {@code writer}, {@code stderr}, ...) and by what each is
 * doing.
 */
final class ThreadDump {
    private static final Pattern HEADER = Pattern.compile("^#\\d+ \"([^\"]*)\" virtual (\\w+)");

    private ThreadDump() {}

    /** Lines like "128 × stderr-*: blocked reading a pipe"; empty when the dump could not be taken. */
    static List<String> virtualThreads(Path java, long pid, Path file) {
        Path jcmd = java.getParent().resolve("jcmd");
        try {
            Process process = new ProcessBuilder(
                            jcmd.toString(), Long.toString(pid), "Thread.dump_to_file", "-overwrite", file.toString())
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || !Files.isRegularFile(file)) {
                return List.of();
            }
            return summarize(Files.readString(file));
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static List<String> summarize(String dump) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String block : dump.split("\n\\s*\n")) {
            String[] lines = block.strip().split("\n");
            Matcher header = HEADER.matcher(lines[0]);
            if (!header.find()) {
                continue;
            }
            String name = header.group(1);
            String prefix = name.contains("-") ? name.substring(0, name.indexOf('-')) + "-*" : name;
            String state = header.group(2);
            String frames = String.join("\n", List.of(lines).subList(1, lines.length));
            String doing;
            if (frames.contains("FileInputStream.readBytes")) {
                doing = "blocked reading a pipe (pins its carrier)";
            } else if (frames.contains("FileOutputStream.write")) {
                doing = "blocked writing a pipe (pins its carrier)";
            } else if (state.equals("RUNNABLE")
                    && (frames.isBlank() || frames.strip().startsWith("at java.base/java.lang.VirtualThread.park"))) {
                doing = "runnable, waiting for a carrier" + (frames.isBlank() ? " (never ran)" : "");
            } else if (frames.contains("VirtualThread.park")) {
                doing = "parked, waiting for work";
            } else {
                doing = state.toLowerCase(java.util.Locale.ROOT);
            }
            counts.merge(prefix + ": " + doing, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        counts.forEach((what, n) -> out.add(n + " × " + what));
        return out;
    }
}
