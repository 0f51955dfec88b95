package dev.fabricmcp.core.protocol;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * One message as it came in, checked before anything acts on it: every transport reads its input through
 * {@link #read}, so a malformed line or body gets the same precise JSON-RPC error on stdio and HTTP, and nothing
 * malformed reaches the SDK or a tool.
 */
public sealed interface Inbound {

    /** Something that is not a message we can act on; {@code error} is the response to send. */
    record Invalid(Map<String, Object> error) implements Inbound {
    }

    /**
     * A well-formed message.
     *
     * @param message the SDK's typed form
     * @param params  the params object as read (empty when absent)
     */
    record Message(McpSchema.JSONRPCMessage message, Map<String, Object> params) implements Inbound {

        /** The request's or notification's method; null for a response. */
        public String method() {
            if (message instanceof McpSchema.JSONRPCRequest request) {
                return request.method();
            }
            return message instanceof McpSchema.JSONRPCNotification notification ? notification.method() : null;
        }

        /** The request's id; null for a notification or a response. */
        public Object requestId() {
            return message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        }

        /** The request's {@code _meta} (empty when absent). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> meta() {
            return params.get("_meta") instanceof Map<?, ?> meta ? (Map<String, Object>) meta : Map.of();
        }
    }

    /** Reads and checks one message. */
    static Inbound read(McpJsonMapper mapper, String text) {
        return MessageChecks.read(mapper, text);
    }
}
