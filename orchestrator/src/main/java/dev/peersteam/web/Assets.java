package dev.peersteam.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The page's files, served from the jar: no CDN, no network, no build step. */
final class Assets {
    /** A file and its content type. */
    record Asset(byte[] bytes, String type) {}

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css",
            "/icon.svg", "icon.svg");

    private final Map<String, Asset> loaded;

    Assets() {
        loaded = FILES.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> load(e.getValue())));
    }

    /** The asset at a path of the dashboard, or null. */
    Asset at(String path) {
        return loaded.get(path);
    }

    private static Asset load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return new Asset(in.readAllBytes(), type(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "image/svg+xml";
    }
}
