package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** The answer to {@link ControlRequest.Ps}: the team's cost and age, and every role in the team file's order. */
public record PsReply(
        String team,
        @JsonProperty("cost_usd") Usd cost,
        @JsonProperty("uptime_s") long uptimeSeconds,
        List<RoleRow> roles)
        implements ControlReply {

    public PsReply {
        cost = cost == null ? Usd.ZERO : cost;
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public Optional<RoleRow> role(String name) {
        return roles.stream().filter(row -> row.role().equals(name)).findFirst();
    }
}
