package dev.peersteam.bench;

/** The JVM start-up floor for the CLI wall-time measure: a hello world started the same way. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
