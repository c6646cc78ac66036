package dev.peersteam.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.Json;

/** The body of the answer to {@link ControlRequest.Hello}: which coordinator is on the other end. */
public record CoordinatorInfo(long pid, String team, String repo, String version) {

    public ControlResponse.Ok toResponse() {
        return ControlResponse.Ok.of(this);
    }

    public static CoordinatorInfo from(JsonNode body) throws JsonProcessingException {
        return Json.MAPPER.treeToValue(body, CoordinatorInfo.class);
    }
}
