package dev.peersteam.team;

import java.nio.file.Path;

/** Where a role's prompt comes from: a role gives {@code prompt} or {@code prompt_file} or neither, never both. */
sealed interface PromptSource {

    /** The role has no prompt of its own; it works from the messages and tasks it receives. */
    record None() implements PromptSource {}

    /** The prompt is written in the team file. */
    record Inline(String text) implements PromptSource {}

    /** The prompt was read from a file, named here by its absolute path. */
    record FromFile(Path file, String text) implements PromptSource {}

    default String text() {
        return switch (this) {
            case None none -> "";
            case Inline inline -> inline.text();
            case FromFile fromFile -> fromFile.text();
        };
    }

    /** The prompt file, or null when the prompt did not come from a file. */
    default Path fileOrNull() {
        return this instanceof FromFile fromFile ? fromFile.file() : null;
    }
}
