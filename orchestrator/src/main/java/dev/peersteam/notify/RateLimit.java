package dev.peersteam.notify;

import dev.peersteam.team.NoticeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * At most one notice of a kind per {@code interval}: the first goes out at once, the ones that follow within the
 * interval are held and go out together as one notice when it ends. A burst of twenty permission requests is two
 * notices, and none is lost. Not thread safe: used by the notifier's one dispatching thread.
 */
final class RateLimit {
    /** How many held notices a summary names; the rest are counted. */
    static final int NAMED = 3;

    private final Duration interval;
    private final Map<NoticeKind, Instant> lastSent = new EnumMap<>(NoticeKind.class);
    private final Map<NoticeKind, List<Notice>> held = new EnumMap<>(NoticeKind.class);

    RateLimit(Duration interval) {
        this.interval = interval;
    }

    /** The notice if it may go out now; else it is held (and comes back from {@link #due}). */
    Optional<Notice> offer(Notice notice, Instant now) {
        Instant last = lastSent.get(notice.kind());
        if (last == null || !now.isBefore(last.plus(interval))) {
            lastSent.put(notice.kind(), now);
            return Optional.of(notice);
        }
        held.computeIfAbsent(notice.kind(), kind -> new ArrayList<>()).add(notice);
        return Optional.empty();
    }

    /** When the next held notice is due; empty when nothing is held. */
    Optional<Instant> nextDue() {
        return held.keySet().stream()
                .map(kind -> lastSent.get(kind).plus(interval))
                .min(Instant::compareTo);
    }

    /** The held notices whose interval has ended, each kind as one notice. */
    List<Notice> due(Instant now) {
        List<Notice> out = new ArrayList<>();
        for (NoticeKind kind : List.copyOf(held.keySet())) {
            if (!now.isBefore(lastSent.get(kind).plus(interval))) {
                out.add(summary(held.remove(kind)));
                lastSent.put(kind, now);
            }
        }
        return out;
    }

    /** Everything held, now (the notifier is closing). */
    List<Notice> drain() {
        List<Notice> out = held.values().stream().map(RateLimit::summary).toList();
        held.clear();
        return out;
    }

    private static Notice summary(List<Notice> notices) {
        if (notices.size() == 1) {
            return notices.getFirst();
        }
        Notice first = notices.getFirst();
        StringBuilder text = new StringBuilder(notices.size() + " more: ");
        for (int i = 0; i < Math.min(NAMED, notices.size()); i++) {
            text.append(i == 0 ? "" : " | ").append(notices.get(i).text());
        }
        if (notices.size() > NAMED) {
            text.append(" | and ").append(notices.size() - NAMED).append(" more");
        }
        boolean oneRole = notices.stream().allMatch(n -> java.util.Objects.equals(n.role(), first.role()));
        return new Notice(
                first.kind(),
                first.team(),
                oneRole ? first.role() : null,
                null,
                text.toString(),
                notices.getLast().time(),
                notices.stream().mapToInt(Notice::count).sum());
    }
}
