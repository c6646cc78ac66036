package dev.peersteam.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.team.NoticeKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final RateLimit limit = new RateLimit(Duration.ofSeconds(30));

    private static Notice notice(NoticeKind kind, String role, String text, int secondsAfter) {
        return new Notice(kind, "shop", role, null, text, T0.plusSeconds(secondsAfter), 1);
    }

    @Test
    void theFirstOfAKindGoesAtOnceAndABurstAfterItGoesAsOneNoticeWhenTheIntervalEnds() {
        assertThat(limit.offer(notice(NoticeKind.PERMISSION, "qa", "p1", 0), T0))
                .isPresent();
        assertThat(limit.offer(notice(NoticeKind.DONE, null, "done", 1), T0.plusSeconds(1)))
                .as("another kind is not held back")
                .isPresent();
        for (int i = 2; i <= 6; i++) {
            assertThat(limit.offer(notice(NoticeKind.PERMISSION, "qa", "p" + i, i), T0.plusSeconds(i)))
                    .isEmpty();
        }
        assertThat(limit.nextDue()).contains(T0.plusSeconds(30));
        assertThat(limit.due(T0.plusSeconds(29))).isEmpty();

        assertThat(limit.due(T0.plusSeconds(30))).singleElement().satisfies(summary -> {
            assertThat(summary.kind()).isEqualTo(NoticeKind.PERMISSION);
            assertThat(summary.count()).isEqualTo(5);
            assertThat(summary.role()).isEqualTo("qa");
            assertThat(summary.text()).isEqualTo("5 more: p2 | p3 | p4 | and 2 more");
        });
        assertThat(limit.nextDue()).isEmpty();
        assertThat(limit.offer(notice(NoticeKind.PERMISSION, "qa", "p7", 31), T0.plusSeconds(31)))
                .as("the summary counts as sent: the interval starts again")
                .isEmpty();
        assertThat(limit.offer(notice(NoticeKind.CRASHED, "qa", "x", 70), T0.plusSeconds(70)))
                .isPresent();
    }

    @Test
    void closingSendsWhatIsHeldAtOnce() {
        limit.offer(notice(NoticeKind.STUCK, null, "stuck", 0), T0);
        limit.offer(notice(NoticeKind.STUCK, null, "stuck again", 5), T0.plusSeconds(5));
        assertThat(limit.drain()).singleElement().extracting(Notice::text).isEqualTo("stuck again");
        assertThat(limit.nextDue()).isEmpty();
    }
}
