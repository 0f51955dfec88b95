package dev.fabricmcp.core.cancel;

import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a {@code notifications/cancelled} notification.
 *
 * @param requestId the JSON-RPC id of the request to stop
 * @param reason    the client's reason; a default when it gave none
 */
public record Cancellation(Object requestId, String reason) {

    /** The notification's method. */
    public static final String METHOD = "notifications/cancelled";

    /** Reads the parameters as a JSON library decoded them; empty when they name no request. */
    public static Optional<Cancellation> of(Object params) {
        if (!(params instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Object requestId = map.get("requestId");
        if (!(requestId instanceof String) && !(requestId instanceof Number)) {
            return Optional.empty();
        }
        Object reason = map.get("reason");
        return Optional.of(new Cancellation(requestId,
                reason instanceof String text && !text.isBlank() ? text : "the client cancelled the request"));
    }
}
