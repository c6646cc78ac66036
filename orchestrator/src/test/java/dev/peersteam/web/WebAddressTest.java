package dev.peersteam.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebAddressTest {
    @Test
    void anAddressIsWrittenAsPeopleWriteIt() {
        assertThat(WebAddress.parse("")).isEqualTo(WebAddress.DEFAULT);
        assertThat(WebAddress.parse(null)).isEqualTo(WebAddress.DEFAULT);
        assertThat(WebAddress.parse("0.0.0.0:8080")).isEqualTo(new WebAddress("0.0.0.0", 8080, true));
        assertThat(WebAddress.parse(":9000")).isEqualTo(new WebAddress("127.0.0.1", 9000, true));
        assertThat(WebAddress.parse("9000")).isEqualTo(new WebAddress("127.0.0.1", 9000, true));
        assertThat(WebAddress.parse("192.168.1.7")).isEqualTo(new WebAddress("192.168.1.7", 7411, false));
        assertThat(WebAddress.parse("[::1]:7412")).isEqualTo(new WebAddress("::1", 7412, true));
        assertThat(WebAddress.parse("[::1]:7412").toString()).isEqualTo("[::1]:7412");
    }

    @Test
    void onlyLoopbackCountsAsThisMachineOnly() {
        assertThat(WebAddress.parse("").loopback()).isTrue();
        assertThat(WebAddress.parse("[::1]:1").loopback()).isTrue();
        assertThat(WebAddress.parse("localhost:1").loopback()).isTrue();
        assertThat(WebAddress.parse("0.0.0.0:1").loopback()).isFalse();
        assertThat(WebAddress.parse("192.168.1.7:1").loopback()).isFalse();
    }

    @Test
    void aBadAddressSaysWhatIsWrong() {
        assertThatThrownBy(() -> WebAddress.parse("::1:80")).hasMessageContaining("in brackets");
        assertThatThrownBy(() -> WebAddress.parse("host:http")).hasMessageContaining("'http' is not a port number");
        assertThatThrownBy(() -> WebAddress.parse("host:70000")).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> WebAddress.parse("[::1")).hasMessageContaining("without closing");
    }
}
