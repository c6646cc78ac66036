package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@link ControlRequest.Ps}: the team's cost, its budget (null, and left out of the JSON, when the team
 * file sets none) and age, and every role in the team file's order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PsReply(
        String team,
        @JsonProperty("cost_usd") Usd cost,
        @JsonProperty("budget_usd") Usd budget,
        @JsonProperty("uptime_s") long uptimeSeconds,
        List<RoleRow> roles,
        Pause paused)
        implements ControlReply {

    /** New turns wait until {@code untilEpochMs} because of {@code reason} (the API's limit, the hourly budget). */
    public record Pause(
            String reason, @JsonProperty("until_epoch_ms") long untilEpochMs) {}

    /** A team whose new turns do not wait. */
    public PsReply(String team, Usd cost, Usd budget, long uptimeSeconds, List<RoleRow> roles) {
        this(team, cost, budget, uptimeSeconds, roles, null);
    }

    public PsReply {
        cost = cost == null ? Usd.ZERO : cost;
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** A team without a budget. */
    public PsReply(String team, Usd cost, long uptimeSeconds, List<RoleRow> roles) {
        this(team, cost, null, uptimeSeconds, roles);
    }

    public Optional<RoleRow> role(String name) {
        return roles.stream().filter(row -> row.role().equals(name)).findFirst();
    }
}
