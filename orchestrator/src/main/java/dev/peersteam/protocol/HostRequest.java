package dev.peersteam.protocol;

/** The body of a {@code control_request} from the host to the CLI. */
public sealed interface HostRequest {
    String subtype();

    record Initialize() implements HostRequest {
        public String subtype() {
            return "initialize";
        }
    }

    record Interrupt() implements HostRequest {
        public String subtype() {
            return "interrupt";
        }
    }

    record SetPermissionMode(String mode) implements HostRequest {
        public String subtype() {
            return "set_permission_mode";
        }
    }

    record SetModel(String model) implements HostRequest {
        public String subtype() {
            return "set_model";
        }
    }
}
