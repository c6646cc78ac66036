package dev.peersteam.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the page asks the team to do: the JSON body of {@code POST /api/ACTION}, read by Jackson as the record the
 * action names. A required field that is missing or blank makes the record refuse to exist (the page gets a 400);
 * unknown fields are ignored, as in the control protocol.
 */
sealed interface PageAction {

    /** Asks the team; the answer is the sentence the page shows. */
    String perform(TeamLink link);

    /** The record for {@code /api/ACTION}; empty for an action there is not. */
    static Optional<Class<? extends PageAction>> named(String action) {
        return Optional.ofNullable(
                switch (action) {
                    case "send" -> Send.class;
                    case "assign" -> Assign.class;
                    case "approve" -> Approve.class;
                    case "deny" -> Deny.class;
                    case "interrupt" -> Interrupt.class;
                    case "down" -> Down.class;
                    default -> null;
                });
    }

    record Send(String to, String text) implements PageAction {
        public Send {
            required("to", to);
            required("text", text);
        }

        @Override
        public String perform(TeamLink link) {
            return link.send(to, text);
        }
    }

    /** {@code after}: the tasks the new one waits for, as a list or as text the page's field holds ("T1, T2"). */
    record Assign(
            String role,
            String text,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> after)
            implements PageAction {
        public Assign {
            required("role", role);
            required("text", text);
            after = after == null
                    ? List.of()
                    : after.stream()
                            .flatMap(ids -> Arrays.stream(ids.split("[,\\s]+")))
                            .filter(id -> !id.isBlank())
                            .toList();
        }

        @Override
        public String perform(TeamLink link) {
            return link.assign(role, text, after);
        }
    }

    record Approve(String id, boolean always) implements PageAction {
        public Approve {
            required("id", id);
        }

        @Override
        public String perform(TeamLink link) {
            return link.approve(id, always);
        }
    }

    /** {@code reason}: what the agent reads; none when blank. */
    record Deny(String id, String reason) implements PageAction {
        public Deny {
            required("id", id);
            reason = reason == null || reason.isBlank() ? null : reason;
        }

        @Override
        public String perform(TeamLink link) {
            return link.deny(id, reason);
        }
    }

    record Interrupt(String role) implements PageAction {
        public Interrupt {
            required("role", role);
        }

        @Override
        public String perform(TeamLink link) {
            return link.interrupt(role);
        }
    }

    record Down() implements PageAction {
        @Override
        public String perform(TeamLink link) {
            return link.down();
        }
    }

    private static void required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
    }
}
