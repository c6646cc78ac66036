package dev.peersteam.bench;

import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.PeersLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A prototype of a smaller client path for {@code peers-team assign ROLE TEXT}, to measure what it would save: no
 * picocli, no Jackson. It finds {@code .peers/} and the socket with the product's own {@link PeersLocator} and
 * {@link PeersDir}, writes the request line of the control protocol by hand ({@code {"v":1,"type":"assign",...}}),
 * and reads just enough of the answer to print what {@code assign} prints. Success path only: not a product client.
 */
public final class LeanAssign {
    private LeanAssign() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LeanAssign ROLE TEXT...");
            System.exit(2);
        }
        String role = args[0];
        String text = String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length));
        PeersDir peers = PeersLocator.find(Path.of("")).orElseThrow(() -> new IllegalStateException("no .peers/"));
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(peers.socket()))) {
            String request = "{\"v\":1,\"type\":\"assign\",\"role\":" + quote(role) + ",\"text\":" + quote(text)
                    + ",\"after\":[]}\n";
            ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String answer = in.readLine();
            if (answer == null || !answer.contains("\"type\":\"ok\"")) {
                System.err.println("peers-team: " + answer);
                System.exit(1);
            }
            System.out.println(
                    field(answer, "id") + " assigned to " + field(answer, "assignee") + ": " + field(answer, "title"));
        }
        System.exit(0);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The first string value of {@code "key":"..."} (no unescaping: enough for ids, role names, plain titles). */
    static String field(String json, String key) {
        int at = json.indexOf("\"" + key + "\":\"");
        if (at < 0) {
            return "?";
        }
        int start = at + key.length() + 4;
        int end = json.indexOf('"', start);
        return end < 0 ? "?" : json.substring(start, end);
    }
}
