package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of US dollars, kept in millionths so that sums are exact. JSON carries it as a plain decimal number
 * ({@code 0.41}, never {@code 0.41000000000000003} nor {@code 1.0E-4}); people read it rounded to four places
 * ({@code $0.4100}), enough for the cost of a single turn.
 */
public record Usd(long micros) implements Comparable<Usd> {
    public static final Usd ZERO = new Usd(0);

    private static final int SCALE = 6;
    private static final int SHOWN_PLACES = 4;

    /** The nearest millionth: the CLI reports costs as doubles. */
    public static Usd ofDollars(double dollars) {
        return new Usd(Math.round(dollars * 1_000_000));
    }

    /** Exactly, as written in JSON; a number finer than a millionth is rounded to one. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Usd ofDollars(BigDecimal dollars) {
        return new Usd(
                dollars.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact());
    }

    /** The amount in dollars with no more places than it has ({@code 0.41}, {@code 2}). */
    @JsonValue
    public BigDecimal dollars() {
        BigDecimal exact = BigDecimal.valueOf(micros, SCALE).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact; // 10, not 1E+1
    }

    public Usd plus(Usd other) {
        return new Usd(Math.addExact(micros, other.micros));
    }

    public Usd minus(Usd other) {
        return new Usd(Math.subtractExact(micros, other.micros));
    }

    /** Whether this reaches a cap given in dollars (a budget of the team file). */
    public boolean reaches(double capDollars) {
        return micros >= ofDollars(capDollars).micros;
    }

    /** For people: {@code $0.4100}. */
    public String text() {
        return "$"
                + BigDecimal.valueOf(micros, SCALE)
                        .setScale(SHOWN_PLACES, RoundingMode.HALF_UP)
                        .toPlainString();
    }

    @Override
    public int compareTo(Usd other) {
        return Long.compare(micros, other.micros);
    }

    @Override
    public String toString() {
        return text();
    }
}
