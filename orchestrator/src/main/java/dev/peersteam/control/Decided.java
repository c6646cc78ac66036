package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to {@link ControlRequest.Approve} and {@link ControlRequest.Deny}: the request that was answered, whose
 * it was, and how. For {@code approve --always} only: {@code rules}, what the session now allows without asking, and
 * {@code note}, how that went in words ({@code approved once, not always: ...} when no rule can be that narrow);
 * both null, and left out of the JSON, otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decided(String id, String role, boolean allowed, List<String> rules, String note)
        implements ControlReply {

    public static Decided once(String id, String role, boolean allowed) {
        return new Decided(id, role, allowed, null, null);
    }
}
