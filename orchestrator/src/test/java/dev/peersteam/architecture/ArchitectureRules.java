package dev.peersteam.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The layering rules of docs/architecture.md, over the packages below {@code root}: {@code dev.peersteam} for the
 * product ({@link ArchitectureTest}), a package of deliberately broken classes for the test that each rule can fail
 * ({@link ArchitectureRulesTest}).
 */
final class ArchitectureRules {
    /** Packages that do no I/O and start no process: everything they know comes in as values. */
    static final List<String> PURE =
            List.of("board", "tools", "permission", "protocol", "overlap", "text", "coordinator");

    /** The packages that may see the CLI's frames: where the CLI is launched, spoken to, or read about afterwards. */
    static final List<String> FRAME_READERS =
            List.of("protocol", "session", "coordinator", "tools", "permission", "transcript", "agent");

    /** Clients of a running team: they steer it through control's client, never through the coordinator. */
    static final List<String> CLIENTS = List.of("cli", "console", "web");

    /**
     * What the rest of the code may use of {@code coordinator} (with their nested types): the loop and its settings
     * and outcome, and the ports it is given (repository, background jobs, timers, session transcripts, recovery).
     */
    static final Set<String> COORDINATOR_ENTRY_POINTS = Set.of(
            "Coordinator", "Background", "Timers", "SchedulerTimers", "RepositoryView", "SessionHistory", "Recovery");

    /**
     * What a client that starts a team in its own process ({@code up}, {@code demo}) hands the coordinator and reads
     * back; everything else of a running team it reaches through {@code control}.
     */
    static final Set<String> STARTER_VALUES =
            Set.of("Coordinator$Settings", "Coordinator$Outcome", "Coordinator$Report");

    /** The control socket's server side, which only the coordinator's wiring touches. */
    static final Set<String> CONTROL_SERVER =
            Set.of("ControlServer", "ControlHandler", "EventSink", "ControlStartException");

    /** The codecs that turn CLI frames into lines and back. */
    static final Set<String> FRAME_CODECS = Set.of("StreamJsonCodec", "McpCodec");

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    /** No cycles between the top-level packages: each can be understood (and tested) from the ones below it. */
    ArchRule noPackageCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** The pure parts touch no file, socket, process or standard stream; I/O reaches them as values. */
    ArchRule purePartsDoNoIo() {
        return noClasses()
                .that()
                .resideInAnyPackage(packages(PURE))
                .should()
                .dependOnClassesThat(doIo())
                .orShould()
                .callMethodWhere(ioCall())
                .orShould()
                .accessFieldWhere(standardStream())
                .as("the pure packages " + PURE + " do no I/O and start no process");
    }

    /** Only protocol and session turn CLI frames into lines and back: nobody else writes or parses the CLI's JSON. */
    ArchRule onlySessionAndProtocolEncodeFrames() {
        return noClasses()
                .that()
                .resideOutsideOfPackages(root + ".protocol..", root + ".session..")
                .should()
                .dependOnClassesThat(inPackageNamed("protocol", FRAME_CODECS))
                .as("only protocol and session encode or decode CLI frames");
    }

    /** The CLI's frames stay behind the session: clients, control, stores and wiring never see them. */
    ArchRule framesStayWithTheirReaders() {
        return classes()
                .that()
                .resideInAPackage(root + ".protocol..")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAnyPackage(packages(FRAME_READERS))
                .as("the CLI's frames (protocol) are used only in " + FRAME_READERS);
    }

    /** Clients reach a running team only through control's client side, never the coordinator or control's server. */
    ArchRule clientsSteerThroughControl() {
        DescribedPredicate<JavaClass> coordinatorButStarterValues = resideInAPackage(root + ".coordinator..")
                .and(not(inPackageNamed("coordinator", STARTER_VALUES)))
                .as("coordinator (other than " + STARTER_VALUES + ")");
        return noClasses()
                .that()
                .resideInAnyPackage(packages(CLIENTS))
                .should()
                .dependOnClassesThat(coordinatorButStarterValues)
                .orShould()
                .dependOnClassesThat(inPackageNamed("control", CONTROL_SERVER))
                .as(CLIENTS + " reach a running team only through control's client");
    }

    /** The coordinator's internals are its own: from outside, only its entry points. */
    ArchRule coordinatorInternalsStayInside() {
        DescribedPredicate<JavaClass> internal = resideInAPackage(root + ".coordinator..")
                .and(not(describe(
                        "an entry point " + COORDINATOR_ENTRY_POINTS,
                        c -> COORDINATOR_ENTRY_POINTS.contains(topLevel(c).getSimpleName()))))
                .as("coordinator internals");
        return noClasses()
                .that()
                .resideOutsideOfPackage(root + ".coordinator..")
                .should()
                .dependOnClassesThat(internal)
                .as("outside coordinator only its entry points " + COORDINATOR_ENTRY_POINTS + " are used");
    }

    private String[] packages(List<String> names) {
        return names.stream().map(name -> root + "." + name + "..").toArray(String[]::new);
    }

    /** Classes of {@code root.pkg} by name; nested ones as {@code Outer$Inner}. */
    private DescribedPredicate<JavaClass> inPackageNamed(String pkg, Set<String> names) {
        String prefix = root + "." + pkg + ".";
        return describe(
                pkg + " " + names,
                c -> c.getName().startsWith(prefix)
                        && names.contains(c.getName().substring(prefix.length())));
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    /**
     * Files, sockets, processes. {@code Path} and {@code URI} are values (naming a file opens nothing); the class-path
     * resources a package ships with are part of the code, not the world.
     */
    private static DescribedPredicate<JavaClass> doIo() {
        Set<String> ioTypes = Set.of(
                "java.io.File",
                "java.io.FileInputStream",
                "java.io.FileOutputStream",
                "java.io.FileReader",
                "java.io.FileWriter",
                "java.io.RandomAccessFile",
                "java.io.FileDescriptor",
                "java.io.Console",
                "java.lang.ProcessBuilder",
                "java.lang.Process");
        Set<String> values = Set.of("java.nio.file.Path", "java.nio.file.InvalidPathException", "java.net.URI");
        return describe(
                "do I/O (files, sockets, processes)",
                c -> !values.contains(c.getName())
                        && (ioTypes.contains(c.getName())
                                || resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
                                        .test(c)));
    }

    /**
     * {@code Runtime.exec}, {@code Path.toRealPath} (asks the file system), and {@code ProcessHandle} beyond
     * {@code current().pid()}: knowing its own pid (the coordinator tells clients which process answers) touches
     * nothing, finding or signalling other processes does.
     */
    private static DescribedPredicate<JavaAccess<?>> ioCall() {
        return describe("Runtime.exec, Path.toRealPath or ProcessHandle (but its own pid)", access -> {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            return owner.equals("java.lang.Runtime") && name.equals("exec")
                    || owner.equals("java.nio.file.Path") && name.equals("toRealPath")
                    || owner.equals("java.lang.ProcessHandle")
                            && !Set.of("current", "pid").contains(name);
        });
    }

    private static DescribedPredicate<JavaAccess<?>> standardStream() {
        return describe(
                "System.in, System.out or System.err",
                access -> access.getTargetOwner().getName().equals("java.lang.System")
                        && Set.of("in", "out", "err").contains(access.getName()));
    }
}
