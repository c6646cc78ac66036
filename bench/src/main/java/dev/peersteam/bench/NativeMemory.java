package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a JVM's memory goes: {@code jcmd PID VM.native_memory summary} (needs -XX:NativeMemoryTracking=summary). */
final class NativeMemory {
    private static final Pattern AREA = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private NativeMemory() {}

    /** "Java Heap 384 MB, Thread 68 MB, ..." for the largest committed areas; null when unavailable. */
    static String summary(Path java, long pid) {
        try {
            Process process = new ProcessBuilder(
                            java.getParent().resolve("jcmd").toString(),
                            Long.toString(pid),
                            "VM.native_memory",
                            "summary")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return parse(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String parse(String nmt) {
        record Area(String name, long kb) {}
        List<Area> areas = new ArrayList<>();
        for (String line : nmt.lines().toList()) {
            Matcher m = AREA.matcher(line.strip());
            if (m.find()) {
                areas.add(new Area(m.group(1).strip(), Long.parseLong(m.group(2))));
            }
        }
        if (areas.isEmpty()) {
            return null;
        }
        areas.sort((a, b) -> Long.compare(b.kb(), a.kb()));
        List<String> parts = new ArrayList<>();
        for (Area area : areas.subList(0, Math.min(6, areas.size()))) {
            parts.add(String.format(java.util.Locale.ROOT, "%s %.0f MB", area.name(), area.kb() / 1024.0));
        }
        return String.join(", ", parts);
    }
}
