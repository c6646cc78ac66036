package dev.peersteam.bench;

import dev.peersteam.cli.AssignCommand;
import picocli.CommandLine;

/**
 * A prototype of a smaller client path, to measure what it would save: the product's own {@link AssignCommand}
 * (picocli and Jackson as today), but with a picocli model of that one command instead of the whole command tree
 * ({@code up}, {@code validate}, {@code logs}, ...), as a {@code Main} that dispatches on the verb would build it.
 */
public final class SingleCommandAssign {
    private SingleCommandAssign() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new AssignCommand()).execute(args));
    }
}
