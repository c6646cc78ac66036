package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code notify:}, where notices go when the team needs a person, written as a list:
 *
 * <pre>
 * notify:
 *   - webhook: https://hooks.slack.com/services/...
 *     events: [permission, crashed]
 *   - command: notify-send peers-team "$PEERS_NOTIFY_TEXT"
 * </pre>
 *
 * Each entry is one {@code command} (text for {@code sh -c}, or a list: program and arguments) or one
 * {@code webhook} (an http(s) URL), and optionally the {@code events} it wants (all by default).
 */
final class NotifyReader {
    static final KnownKeys ENTRY = new KnownKeys(
            List.of("command", "webhook", "events"),
            Map.of(
                    "url", "a URL is given as 'webhook: https://...'",
                    "run", "a program is given as 'command: ...'",
                    "kinds", "the kinds of notice are listed under 'events:'"));
    private static final String EXAMPLE =
            "e.g. '- webhook: https://example.com/hook' or '- command: notify-send peers-team \"$PEERS_NOTIFY_TEXT\"'";

    private final Problems problems;
    private final ValueReader values;

    NotifyReader(Problems problems) {
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    List<NotifyTarget> read(Optional<Entry> entry) {
        if (entry.isEmpty() || NodeShape.of(entry.get().value()) == NodeShape.EMPTY) {
            return List.of();
        }
        Node value = entry.get().value();
        if (!(value instanceof SequenceNode list)) {
            problems.at(
                    value,
                    "'notify' must be a list of commands and webhooks, not " + NodeShape.describe(value),
                    "write one '- ' entry per target, " + EXAMPLE);
            return List.of();
        }
        List<NotifyTarget> targets = new ArrayList<>();
        for (Node item : list.getValue()) {
            target(item).ifPresent(targets::add);
        }
        return targets;
    }

    private Optional<NotifyTarget> target(Node item) {
        String where = "an entry of 'notify'";
        Optional<YamlMapping> read =
                YamlMapping.read(item, where, "write each entry as a mapping, " + EXAMPLE, problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping mapping = read.get().onlyKnown(ENTRY, where, problems);
        Optional<Entry> command = mapping.get("command");
        Optional<Entry> webhook = mapping.get("webhook");
        Set<NoticeKind> kinds = mapping.get("events").map(this::kinds).orElse(Set.of());
        if (command.isPresent() && webhook.isPresent()) {
            problems.at(
                    webhook.get().keyNode(),
                    "an entry of 'notify' has both 'command' and 'webhook'",
                    "make them two entries, one '- command: ...' and one '- webhook: ...'");
            return Optional.empty();
        }
        if (command.isEmpty() && webhook.isEmpty()) {
            if (mapping.entries().size() == read.get().entries().size()) { // else a misspelt key is reported already
                problems.at(item, "an entry of 'notify' has neither 'command' nor 'webhook'", EXAMPLE);
            }
            return Optional.empty();
        }
        if (command.isPresent()) {
            return command(command.get()).map(argv -> new NotifyTarget.Command(argv, kinds));
        }
        return url(webhook.get()).map(url -> new NotifyTarget.Webhook(url, kinds));
    }

    /** Text runs through {@code sh -c} (as {@code setup} commands do); a list is the program and its arguments. */
    private Optional<List<String>> command(Entry entry) {
        if (entry.value() instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                problems.at(
                        entry.value(),
                        "'command' is an empty list",
                        "give the program and its arguments, e.g. command: [notify-send, peers-team]");
                return Optional.empty();
            }
            return values.textList(entry)
                    .map(words -> words.stream().map(Text::value).toList());
        }
        return values.text(entry)
                .map(line -> NotifyTarget.Command.shell(line, Set.of()).argv());
    }

    private Optional<URI> url(Entry entry) {
        return values.text(entry).flatMap(text -> {
            Optional<URI> url = NotifyTarget.webhookUrl(text.strip());
            if (url.isEmpty()) {
                problems.at(
                        entry.value(),
                        "'webhook' is not a usable URL: " + text,
                        "give " + NotifyTarget.WEBHOOK_RULE + ", e.g. 'webhook: https://example.com/hook'");
            }
            return url;
        });
    }

    private Set<NoticeKind> kinds(Entry entry) {
        Optional<List<Text>> listed = values.textList(entry);
        if (listed.isEmpty()) {
            return Set.of(); // not a list: reported
        }
        boolean writtenEmpty = NodeShape.of(entry.value()) == NodeShape.EMPTY
                || (entry.value() instanceof SequenceNode list
                        && list.getValue().isEmpty());
        if (writtenEmpty) {
            problems.at(
                    entry.value(),
                    "'events' is empty: this target would never be told anything",
                    "list the kinds it wants (" + NoticeKind.names() + "), or delete 'events' for all of them");
            return Set.of();
        }
        Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
        KnownKeys known = new KnownKeys(
                java.util.Arrays.stream(NoticeKind.values())
                        .map(NoticeKind::wire)
                        .toList(),
                Map.of());
        for (Text kind : listed.get()) {
            Optional<NoticeKind> found = NoticeKind.fromWire(kind.value());
            if (found.isEmpty()) {
                problems.at(
                        kind.node(),
                        "'" + kind.value() + "' is not a kind of notice",
                        known.closestTo(kind.value())
                                        .map(near -> "did you mean '" + near + "'? ")
                                        .orElse("") + "the kinds are " + NoticeKind.names());
            } else if (!kinds.add(found.get())) {
                problems.at(kind.node(), "'" + kind.value() + "' is listed twice", "delete one of them");
            }
        }
        return kinds;
    }
}
