package dev.peersteam.team;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where notices go ({@code notify:} in the team file, {@code up --notify}): a command that gets each notice as JSON
 * on stdin and in environment variables, or a webhook that gets it POSTed as JSON.
 */
public sealed interface NotifyTarget {
    /** The kinds this target is told about; all by default. */
    Set<NoticeKind> kinds();

    /** How the target is shown to people: a webhook without its path and query, which often hold its secret. */
    String shown();

    /** A program and its arguments, run once per notice; text in the team file is run by {@code sh -c}. */
    record Command(List<String> argv, Set<NoticeKind> kinds) implements NotifyTarget {
        public Command {
            argv = List.copyOf(argv);
            kinds = kinds.isEmpty() ? EnumSet.allOf(NoticeKind.class) : Set.copyOf(kinds);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a notify command needs a program");
            }
        }

        /** A command line as a person types it, run by the shell. */
        public static Command shell(String line, Set<NoticeKind> kinds) {
            return new Command(List.of("sh", "-c", line), kinds);
        }

        @Override
        public String shown() {
            return "command "
                    + (argv.size() == 3
                                    && argv.get(0).equals("sh")
                                    && argv.get(1).equals("-c")
                            ? argv.get(2)
                            : String.join(" ", argv));
        }
    }

    /** An http(s) URL that gets each notice POSTed as JSON (with a Slack-compatible {@code text}). */
    record Webhook(URI url, Set<NoticeKind> kinds) implements NotifyTarget {
        public Webhook {
            Objects.requireNonNull(url, "url");
            kinds = kinds.isEmpty() ? EnumSet.allOf(NoticeKind.class) : Set.copyOf(kinds);
        }

        @Override
        public String shown() {
            return "webhook " + url.getScheme() + "://" + url.getRawAuthority()
                    + (url.getRawPath() == null
                                    || url.getRawPath().isEmpty()
                                    || url.getRawPath().equals("/")
                            ? ""
                            : "/…");
        }
    }

    /** {@code up --notify VALUE}: an http(s) URL is a webhook, anything else a command line for {@code sh -c}. */
    static NotifyTarget parse(String value) {
        String trimmed = value.strip();
        if (looksLikeUrl(trimmed)) {
            return new Webhook(
                    webhookUrl(trimmed)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "not a usable webhook URL: " + trimmed + " (" + WEBHOOK_RULE + ")")),
                    Set.of());
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a notify command or URL is empty");
        }
        return Command.shell(trimmed, Set.of());
    }

    String WEBHOOK_RULE = "an http:// or https:// URL with a host, without user:password@";

    static boolean looksLikeUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The URL when it is one a webhook can use: http(s), a host, no user info (the HTTP client would drop it). */
    static Optional<URI> webhookUrl(String value) {
        try {
            URI url = new URI(value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || url.getHost() == null
                    || url.getRawUserInfo() != null
                    || url.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
