package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.Actor;
import dev.peersteam.overlap.OverlapMessages;
import dev.peersteam.team.ReservedNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every name the coordinator sends under ({@code [from NAME] ...}) is reserved, so no role can be named like it: the
 * model could not tell a role from the board, a watch or the person. Found by reading every {@code messenger.post}
 * in the sources, so a sender added tomorrow is checked too.
 */
class ReservedSendersTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** {@code messenger.post(SENDER, ...)}: the sender is the first argument. */
    private static final Pattern POST = Pattern.compile("messenger\\s*\\.\\s*post\\(\\s*([^,()]+(?:\\(\\))?)\\s*,");

    /** A role speaking as itself: the only sender that is not a constant. */
    private static final String A_ROLE_ITSELF = "sender.name()";

    @Test
    void theKnownSendersAreReserved() {
        assertThat(List.of(
                        TaskDesk.BOARD,
                        NoticeTexts.WATCH,
                        NoticeTexts.SHARED,
                        OverlapMessages.SENDER,
                        Address.HUMAN,
                        Address.ALL,
                        SessionSupervisor.SENDER,
                        dev.peersteam.board.BoardEvent.COORDINATOR,
                        Actor.HUMAN))
                .allSatisfy(name ->
                        assertThat(ReservedNames.isReserved(name)).as(name).isTrue());
    }

    @Test
    void everySenderInTheSourcesIsReservedOrARoleItself() throws Exception {
        Map<String, String> classes = classesBySimpleName();
        List<String> senders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher post = POST.matcher(Files.readString(file));
                while (post.find()) {
                    String sender = post.group(1).strip();
                    senders.add(sender);
                    if (sender.equals(A_ROLE_ITSELF)) {
                        continue;
                    }
                    Object value = sender.startsWith("\"")
                            ? sender.substring(1, sender.length() - 1)
                            : constant(sender, file, classes);
                    assertThat(ReservedNames.isReserved((String) value))
                            .as("the sender %s in %s is '%s', which is not in ReservedNames", sender, file, value)
                            .isTrue();
                }
            }
        }
        assertThat(senders).as("the scan found the senders").contains("BOARD", "NoticeTexts.WATCH", A_ROLE_ITSELF);
    }

    /** The value of {@code NAME} (a constant of the file's own class) or {@code Class.NAME}. */
    private static Object constant(String expression, Path file, Map<String, String> classes) throws Exception {
        String owner;
        String name;
        int dot = expression.lastIndexOf('.');
        if (dot < 0) {
            owner = classes.get(file.getFileName().toString().replace(".java", ""));
            name = expression;
        } else {
            owner = classes.get(expression.substring(0, dot));
            name = expression.substring(dot + 1);
        }
        assertThat(owner)
                .as("the class of the sender " + expression + " in " + file)
                .isNotNull();
        Field field = Class.forName(owner).getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    private static Map<String, String> classesBySimpleName() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
                    .collect(Collectors.toMap(
                            f -> f.getFileName().toString().replace(".java", ""),
                            f -> SOURCES.relativize(f)
                                    .toString()
                                    .replace(".java", "")
                                    .replace('/', '.'),
                            (a, b) -> a));
        }
    }

    @Test
    void everyReservedNameWouldOtherwiseBeAValidRoleName() {
        assertThat(ReservedNames.ALL_RESERVED)
                .extracting(ReservedNames.Reserved::name)
                .allSatisfy(name -> assertThat(name).matches("[a-z][a-z0-9-]{0,31}"))
                .doesNotHaveDuplicates();
    }
}
