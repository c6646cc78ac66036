package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peersteam.protocol.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsdTest {
    @Test
    void sumsAreExactWhereDoublesAreNot() {
        assertThat(0.1 + 0.31).as("what a double gives").isEqualTo(0.41000000000000003);
        Usd sum = Usd.ofDollars(0.1).plus(Usd.ofDollars(0.31));
        assertThat(sum).isEqualTo(Usd.ofDollars(0.41));
        assertThat(sum.micros()).isEqualTo(410_000);
    }

    @Test
    void jsonCarriesAPlainDecimalNumber() throws Exception {
        assertThat(json(Usd.ofDollars(0.1).plus(Usd.ofDollars(0.31)))).isEqualTo("0.41");
        assertThat(json(Usd.ofDollars(0.0001))).as("never 1.0E-4").isEqualTo("0.0001");
        assertThat(json(Usd.ofDollars(0.000001))).isEqualTo("0.000001");
        assertThat(json(Usd.ofDollars(10))).as("never 1E+1").isEqualTo("10");
        assertThat(json(Usd.ZERO)).isEqualTo("0");
    }

    @Test
    void jsonReadsBackExactlyAndRoundsWhatIsFinerThanAMillionth() throws Exception {
        assertThat(Json.MAPPER.readValue("0.41", Usd.class)).isEqualTo(new Usd(410_000));
        assertThat(Json.MAPPER.readValue("0.41000000000000003", Usd.class)).isEqualTo(new Usd(410_000));
        assertThat(Json.MAPPER.readValue("0.0000005", Usd.class)).isEqualTo(new Usd(1));
        assertThat(Json.MAPPER.readValue("2", Usd.class)).isEqualTo(new Usd(2_000_000));
        assertThatThrownBy(() -> Json.MAPPER.readValue("1e30", Usd.class))
                .as("too large for a long of millionths: an error, not a wrong amount")
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void peopleReadFourPlacesRoundedHalfUp() {
        assertThat(Usd.ofDollars(0.41).text()).isEqualTo("$0.4100");
        assertThat(Usd.ofDollars(0.0014).text()).isEqualTo("$0.0014");
        assertThat(new Usd(50).text()).isEqualTo("$0.0001");
        assertThat(new Usd(49).text()).isEqualTo("$0.0000");
        assertThat(Usd.ofDollars(12.5).text()).isEqualTo("$12.5000");
        assertThat(Usd.ofDollars(0.41)).hasToString("$0.4100");
    }

    @Test
    void aCapIsReachedAtItsAmountNotAMillionthBefore() {
        assertThat(Usd.ofDollars(0.1).plus(Usd.ofDollars(0.2)).reaches(0.3)).isTrue();
        assertThat(new Usd(299_999).reaches(0.3)).isFalse();
        assertThat(Usd.ofDollars(new BigDecimal("0.30")).reaches(0.3)).isTrue();
    }

    private static String json(Usd usd) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(usd);
    }
}
