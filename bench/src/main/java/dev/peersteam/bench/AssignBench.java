package dev.peersteam.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of {@code peers-team assign ROLE TEXT}, a CLI client's whole round trip (JVM start, command line, control
 * socket request, the coordinator's answer, exit) against a running team, next to the floor of any Java CLI: a
 * hello world on the same JVM. Variants try JVM options that cut start-up (class-data sharing, C1 only, Serial GC,
 * the JDK 25 AOT cache) and the launcher script as a person runs it. Runs are interleaved (one of each variant per
 * round) so that a noisy neighbour hits every variant alike.
 */
final class AssignBench {
    private AssignBench() {}

    record Variant(String name, List<String> command, Map<String, String> env, boolean assigns) {}

    record Outcome(Variant variant, Stats wall, String note) {}

    record Result(List<Outcome> outcomes, Map<String, String> classesLoaded) {}

    static Result run(Context context, int warmup, int runs) throws IOException, InterruptedException {
        boolean full = !context.quick();
        Path dir = context.dir("assign-");
        Agents agents = new Agents(context);
        List<TeamRepo.Role> team =
                List.of(new TeamRepo.Role("lead", agents.tiny(null)), new TeamRepo.Role("dev", agents.tiny(null)));
        Path repo = TeamRepo.create(dir.resolve("repo"), context.env(), team);
        String java = context.java().toString();
        String jar = context.peersJar().toString();
        Path cds = dir.resolve("assign-dynamic.jsa");
        Path aot = dir.resolve("assign.aot");
        String launcher = context.root().resolve("peers-team").toString();

        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(
                "JVM hello world (floor)",
                List.of(java, "-cp", context.benchClasses().toString(), Hello.class.getName()),
                Map.of(),
                false));
        variants.add(new Variant("java -jar peers-team.jar assign", assign(java, List.of(), jar), Map.of(), true));
        variants.add(new Variant(
                "… -XX:TieredStopAtLevel=1", assign(java, List.of("-XX:TieredStopAtLevel=1"), jar), Map.of(), true));
        variants.add(new Variant("… -XX:+UseSerialGC", assign(java, List.of("-XX:+UseSerialGC"), jar), Map.of(), true));
        List<String> appCds = List.of("-XX:SharedArchiveFile=" + cds, "-XX:+AutoCreateSharedArchive");
        variants.add(new Variant(
                "… AppCDS (-XX:SharedArchiveFile, -XX:+AutoCreateSharedArchive)",
                assign(java, appCds, jar),
                Map.of(),
                true));
        List<String> combined = new ArrayList<>(appCds);
        combined.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        variants.add(
                new Variant("… AppCDS + TieredStopAtLevel=1 + SerialGC", assign(java, combined, jar), Map.of(), true));
        String aotNote = null;
        if (full && Runtime.version().feature() >= 25) {
            aotNote = trainAot(context, repo, java, jar, aot);
            if (aotNote == null) {
                variants.add(new Variant(
                        "… AOT cache (JDK 25 -XX:AOTCache, trained on one assign)",
                        assign(java, List.of("-XX:AOTCache=" + aot), jar),
                        Map.of(),
                        true));
            }
            Path quickAot = dir.resolve("quick.aot");
            List<String> quick = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
            if (trainAotByCdsTraining(context, java, jar, quick, quickAot)) {
                List<String> options = new ArrayList<>(List.of("-XX:AOTCache=" + quickAot));
                options.addAll(quick);
                variants.add(new Variant(
                        "… AOT cache (trained by cds-training) + TieredStopAtLevel=1 + SerialGC",
                        assign(java, options, jar),
                        Map.of(),
                        true));
            }
        }
        String cp = context.benchClasses() + File.pathSeparator + jar;
        variants.add(new Variant(
                "prototype: picocli model of `assign` alone (`SingleCommandAssign`)",
                List.of(java, "-cp", cp, SingleCommandAssign.class.getName()),
                Map.of(),
                true));
        variants.add(new Variant(
                "prototype: no picocli, no Jackson (`LeanAssign`)",
                List.of(java, "-cp", cp, LeanAssign.class.getName()),
                Map.of(),
                true));
        List<String> lean = new ArrayList<>(List.of(
                java,
                "-XX:SharedArchiveFile=" + dir.resolve("lean-dynamic.jsa"),
                "-XX:+AutoCreateSharedArchive",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                cp,
                LeanAssign.class.getName()));
        variants.add(
                new Variant("prototype `LeanAssign` + AppCDS + TieredStopAtLevel=1 + SerialGC", lean, Map.of(), true));
        variants.add(
                new Variant("./peers-team assign (the launcher script)", List.of(launcher, "assign"), Map.of(), true));

        Map<Variant, List<Long>> walls = new LinkedHashMap<>();
        variants.forEach(v -> walls.put(v, new ArrayList<>()));
        Map<String, String> classes = new LinkedHashMap<>();
        try (UpProcess up = UpProcess.start(context, repo, List.of(), "up", "team.yaml")) {
            up.awaitAllIdle(List.of("lead", "dev"), Duration.ofSeconds(60));
            int task = 0;
            for (int round = 0; round < warmup + runs; round++) {
                for (Variant variant : variants) {
                    long wall = time(context, repo, variant, "task " + (++task));
                    if (round >= warmup) {
                        walls.get(variant).add(wall);
                    }
                }
            }
            if (!full) {
                up.stop(Duration.ofSeconds(30));
                return result(variants, walls, aotNote, classes);
            }
            classes.put(
                    "hello world", classesLoaded(context, repo, variants.get(0).command(), dir, "hello", false));
            classes.put("assign", classesLoaded(context, repo, assign(java, List.of(), jar), dir, "assign", true));
            classes.put(
                    "assign with AppCDS", classesLoaded(context, repo, assign(java, appCds, jar), dir, "cds", true));
            classes.put(
                    "LeanAssign",
                    classesLoaded(
                            context, repo, List.of(java, "-cp", cp, LeanAssign.class.getName()), dir, "lean", true));
            up.stop(Duration.ofSeconds(30));
        }
        return result(variants, walls, aotNote, classes);
    }

    private static Result result(
            List<Variant> variants, Map<Variant, List<Long>> walls, String aotNote, Map<String, String> classes) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Variant variant : variants) {
            outcomes.add(new Outcome(variant, Stats.of(walls.get(variant)), null));
        }
        if (aotNote != null) {
            outcomes.add(new Outcome(new Variant("… AOT cache (JDK 25)", List.of(), Map.of(), true), null, aotNote));
        }
        return new Result(outcomes, classes);
    }

    private static List<String> assign(String java, List<String> options, String jar) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-jar", jar, "assign"));
        return command;
    }

    /** One run: start to exit, in the team's repository; an assign must succeed. */
    private static long time(Context context, Path repo, Variant variant, String taskText)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(variant.command());
        if (variant.assigns()) {
            command.addAll(List.of("dev", taskText));
        }
        Path output = repo.resolve(".peers").resolve("bench-assign.out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(context.env());
        builder.environment().putAll(variant.env());
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        long wall = System.nanoTime() - start;
        String out = Files.readString(output);
        if (!exited || process.exitValue() != 0 || (variant.assigns() && !out.contains("assigned to dev"))) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    variant.name() + " failed (exit " + (exited ? process.exitValue() : "none") + "): " + out);
        }
        return wall;
    }

    /** A JDK 25 AOT cache made by one training run of assign; null when made, else why not. */
    private static String trainAot(Context context, Path repo, String java, String jar, Path aot)
            throws IOException, InterruptedException {
        // The training run needs a coordinator to talk to; it is made before the team starts, so it is made in a
        // team of its own that lives just for it.
        Path dir = repo.getParent().resolve("aot-training");
        Agents agents = new Agents(context);
        Path trainingRepo = TeamRepo.create(
                dir,
                context.env(),
                List.of(new TeamRepo.Role("lead", agents.tiny(null)), new TeamRepo.Role("dev", agents.tiny(null))));
        try (UpProcess up = UpProcess.start(context, trainingRepo, List.of(), "up", "team.yaml")) {
            up.awaitAllIdle(List.of("lead", "dev"), Duration.ofSeconds(60));
            ProcessBuilder builder = new ProcessBuilder(
                            java, "-XX:AOTCacheOutput=" + aot, "-jar", jar, "assign", "dev", "training")
                    .directory(trainingRepo.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(context.env());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes());
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            up.stop(Duration.ofSeconds(30));
            if (!exited || process.exitValue() != 0 || !Files.isRegularFile(aot)) {
                return "could not train an AOT cache: " + out.lines().limit(3).toList();
            }
            return null;
        }
    }

    /** A JDK 25 AOT cache made by the launcher's training walk ({@code cds-training}, no coordinator needed). */
    private static boolean trainAotByCdsTraining(
            Context context, String java, String jar, List<String> options, Path aot)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-XX:AOTCacheOutput=" + aot));
        command.addAll(options);
        command.addAll(List.of("-jar", jar, "cds-training"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(context.env());
        Process process = builder.start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0 && Files.isRegularFile(aot);
    }

    /** Classes the JVM loads for {@code command} ({@code -Xlog:class+load}), once: "N (M from CDS archives; P picocli classes from the jar)". */
    private static String classesLoaded(
            Context context, Path repo, List<String> command, Path dir, String name, boolean assigns)
            throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + name + ".log");
        List<String> withLog = new ArrayList<>(command.subList(0, 1));
        withLog.add("-Xlog:class+load=info:file=" + log);
        withLog.addAll(command.subList(1, command.size()));
        time(context, repo, new Variant(name, withLog, Map.of(), assigns), "classes " + name);
        List<String> lines = Files.readAllLines(log);
        long all = lines.stream().filter(line -> line.contains("source:")).count();
        long shared = lines.stream()
                .filter(line -> line.contains("source: shared objects file"))
                .count();
        // picocli's classes are compiled for Java 5 (class file version 49), which no CDS archive or AOT cache holds
        long picocli = lines.stream()
                .filter(line -> line.contains("] picocli.") && !line.contains("source: shared objects file"))
                .count();
        return all + " (" + shared + " from CDS archives; " + picocli + " picocli classes from the jar)";
    }
}
