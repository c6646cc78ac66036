package dev.peersteam.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The team patterns {@code peers-team init} writes: each is a commented team file (a resource under
 * {@code dev/peersteam/init/patterns/}) and the role prompts it names ({@code dev/peersteam/init/roles/}, copies of
 * the project's {@code roles/}).
 */
public enum TeamPattern {
    REVIEW(
            "a builder, and a reviewer who reads each commit as it lands and answers its author",
            List.of("builder", "reviewer")),
    FULLSTACK(
            "backend and frontend building toward one API contract, api/openapi.yaml, owned by backend",
            List.of("backend", "frontend")),
    MANAGER(
            "a manager who splits the goal into tasks for workers (backend, frontend) and follows them to done",
            List.of("manager", "backend", "frontend")),
    QA("a builder, and QA who tests each task the builder finishes and reports back", List.of("builder", "qa")),
    MIXED(
            "a Claude Code builder, and an OpenAI Codex reviewer who reads each commit as it lands (agent: codex)",
            List.of("builder", "reviewer")),
    ALL(
            "all four together: a manager, backend and frontend sharing an API contract, a reviewer on their commits,"
                    + " QA on their tasks",
            List.of("manager", "backend", "frontend", "reviewer", "qa"));

    /** The pattern {@code init} writes when none is named. */
    public static final TeamPattern DEFAULT = ALL;

    private static final String RESOURCES = "/dev/peersteam/init/";

    private final String summary;
    private final List<String> prompts;

    TeamPattern(String summary, List<String> prompts) {
        this.summary = summary;
        this.prompts = prompts;
    }

    /** The name on the command line: {@code review}, {@code fullstack}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line on what the team is for. */
    public String summary() {
        return summary;
    }

    /** The role prompts the team file names, as file names under {@code roles/} without {@code .md}. */
    public List<String> prompts() {
        return prompts;
    }

    /** The commented team file, with {@code {{name}}} where the team's name goes. */
    public String teamFileTemplate() {
        return resource("patterns/" + id() + ".yaml");
    }

    /** The text of a role prompt shipped with init, e.g. {@code rolePrompt("qa")}. */
    public static String rolePrompt(String role) {
        return resource("roles/" + role + ".md");
    }

    public static Optional<TeamPattern> byId(String id) {
        return Arrays.stream(values())
                .filter(pattern -> pattern.id().equals(id))
                .findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(TeamPattern::id).toList();
    }

    private static String resource(String path) {
        try (InputStream in = TeamPattern.class.getResourceAsStream(RESOURCES + path)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the build: " + RESOURCES + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
