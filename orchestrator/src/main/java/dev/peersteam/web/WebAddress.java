package dev.peersteam.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the dashboard listens: {@code HOST:PORT} as a person writes it ({@code --web=0.0.0.0:8080},
 * {@code --web=:9000}, {@code --web=[::1]:7411}). Without a value it is {@code 127.0.0.1:7411}; when that default
 * port is taken, any free port is used instead ({@code chosen} is false then), while a port someone chose is used or
 * the start fails.
 */
public record WebAddress(String host, int port, boolean chosen) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7411;
    public static final WebAddress DEFAULT = new WebAddress(DEFAULT_HOST, DEFAULT_PORT, false);

    public WebAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 0 and 65535, not " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the address has no host");
        }
    }

    /** {@code HOST:PORT}, {@code HOST}, {@code :PORT}, {@code PORT}; IPv6 hosts in brackets. Empty: the default. */
    public static WebAddress parse(String written) {
        String text = written == null ? "" : written.strip();
        if (text.isEmpty()) {
            return DEFAULT;
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' opens '[' without closing it");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
            }
            port = after.isEmpty() ? "" : after.substring(1);
        } else if (text.chars().filter(c -> c == ':').count() > 1) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, e.g. [::1]:7411");
        } else if (text.contains(":")) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        } else if (text.chars().allMatch(Character::isDigit)) {
            host = "";
            port = text;
        } else {
            host = text;
            port = "";
        }
        int number = DEFAULT_PORT;
        boolean chosen = !port.isEmpty();
        if (chosen) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + port + "' is not a port number");
            }
        }
        return new WebAddress(host.isEmpty() ? DEFAULT_HOST : host, number, chosen);
    }

    /** Whether only this machine can connect: a loopback address (or {@code localhost}). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
