package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process's memory and CPU from {@code /proc}: resident set ({@code VmRSS}), its peak ({@code VmHWM}), threads,
 * and user + system CPU time ({@code /proc/PID/stat} fields 14 and 15, in clock ticks).
 */
record ProcStat(long rssKb, long hwmKb, int threads, long cpuTicks) {
    /** Clock ticks per second; 100 on every Linux the JDK supports (USER_HZ). */
    static final long TICKS_PER_SECOND = 100;

    static ProcStat of(long pid) throws IOException {
        long rss = 0;
        long hwm = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kb(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kb(line);
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring(8).trim());
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return new ProcStat(rss, hwm, threads, utime + stime);
    }

    /**
     * Threads of the process whose name starts with {@code prefix} ({@code /proc/PID/task/TID/comm}, which keeps the
     * first 15 characters of a Java thread's name): e.g. "ForkJoinPool-1-" for the virtual-thread scheduler's carriers.
     */
    static int threadsNamed(long pid, String prefix) throws IOException {
        int count = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        count++;
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return count;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    double rssMb() {
        return rssKb / 1024.0;
    }

    double hwmMb() {
        return hwmKb / 1024.0;
    }

    double cpuSeconds() {
        return cpuTicks / (double) TICKS_PER_SECOND;
    }
}
