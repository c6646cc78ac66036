package dev.peersteam.protocol;

import java.util.Locale;

/** How a turn ended, as the {@code subtype} of its {@code result} frame says. */
public enum ResultSubtype {
    SUCCESS,
    ERROR_DURING_EXECUTION,
    ERROR_MAX_TURNS,
    ERROR_MAX_BUDGET_USD,
    ERROR_MAX_STRUCTURED_OUTPUT_RETRIES,
    /** A subtype this host does not know. */
    UNKNOWN;

    public static ResultSubtype of(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        for (ResultSubtype subtype : values()) {
            if (subtype != UNKNOWN && subtype.wire().equals(wire)) {
                return subtype;
            }
        }
        return UNKNOWN;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
