package dev.peersteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessTest {
    @Test
    void onlyAddressesAndLocalhostAreHostsANameNever() {
        for (String ok : new String[] {
            "127.0.0.1",
            "127.0.0.1:7411",
            "localhost",
            "localhost:1",
            "[::1]",
            "[::1]:80",
            "10.0.0.5:7411",
            "[fe80::1]:7411"
        }) {
            assertThat(Access.hostAllowed(ok)).as(ok).isTrue();
        }
        for (String no : new String[] {
            null,
            "",
            "evil.example",
            "evil.example:7411",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "127.1",
            "2130706433",
            "[::1",
            "[::1]x",
            "127.0.0.1:",
            "127.0.0.1:80:80",
            "127.0.0.1:abc",
            "[evil.example]:80",
            "0x7f.0.0.1"
        }) {
            assertThat(Access.hostAllowed(no)).as(String.valueOf(no)).isFalse();
        }
    }

    @Test
    void theAddressTokenWinsOverAnOldCookieOfThisPort() {
        Access access = new Access("new-token", "csrf", 7411);
        Access.Request request = new Access.Request(
                "GET", "127.0.0.1:7411", null, "peers_team_7411=old-token", null, "new-token", null, null);
        assertThat(access.check(request)).isEmpty();
        assertThat(access.cameWithQueryToken(request)).isTrue();
        assertThat(access.check(new Access.Request(
                                "GET", "127.0.0.1:7411", null, "peers_team_7411=old-token", null, null, null, null))
                        .orElseThrow()
                        .status())
                .isEqualTo(403);
    }
}
