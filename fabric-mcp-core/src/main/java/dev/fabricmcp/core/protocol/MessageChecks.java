package dev.fabricmcp.core.protocol;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The checks of {@link Inbound#read}: JSON, then JSON-RPC 2.0, then the shape MCP needs of the params. */
final class MessageChecks {

    private MessageChecks() {
    }

    @SuppressWarnings("unchecked")
    static Inbound read(McpJsonMapper mapper, String text) {
        Object json;
        try {
            json = text.isBlank() ? null : mapper.readValue(text, Object.class);
        } catch (IOException | RuntimeException e) {
            json = null;
        }
        if (json == null) {
            // Jackson's message quotes the input and names its classes: say what is wrong in our words instead.
            return invalid(null, JsonRpc.PARSE_ERROR, "Parse error: the message is not valid JSON (or is nested"
                    + " deeper than 500 levels)");
        }
        if (json instanceof List<?>) {
            return invalid(null, JsonRpc.INVALID_REQUEST, "Invalid request: JSON-RPC batches (arrays) are not"
                    + " supported by MCP; send one message at a time");
        }
        if (!(json instanceof Map<?, ?>)) {
            return invalid(null, JsonRpc.INVALID_REQUEST, "Invalid request: a JSON-RPC message is a JSON object");
        }
        Map<String, Object> object = (Map<String, Object>) json;
        Object id = object.get("id");
        boolean hasId = object.containsKey("id");
        if (hasId && !(id instanceof String) && !isInteger(id)) {
            return invalid(null, JsonRpc.INVALID_REQUEST, "Invalid request: \"id\" must be a string or an integer");
        }
        if (!"2.0".equals(object.get("jsonrpc"))) {
            return invalid(id, JsonRpc.INVALID_REQUEST, "Invalid request: \"jsonrpc\" must be \"2.0\"");
        }
        Object method = object.get("method");
        if (method == null) {
            if (hasId && (object.containsKey("result") || object.containsKey("error"))) {
                return new Inbound.Message(mapper.convertValue(object, McpSchema.JSONRPCResponse.class), Map.of());
            }
            return invalid(id, JsonRpc.INVALID_REQUEST, "Invalid request: a request or notification needs a"
                    + " \"method\"");
        }
        if (!(method instanceof String name) || name.isEmpty()) {
            return invalid(id, JsonRpc.INVALID_REQUEST, "Invalid request: \"method\" must be a non-empty string");
        }
        Object params = object.get("params");
        if (params != null && !(params instanceof Map<?, ?>)) {
            return invalid(id, hasId ? JsonRpc.INVALID_PARAMS : JsonRpc.INVALID_REQUEST,
                    "Invalid params: \"params\" must be an object");
        }
        Map<String, Object> paramsMap = params == null ? Map.of() : (Map<String, Object>) params;
        if (hasId && "tools/call".equals(name)) {
            String problem = toolCallProblem(object.containsKey("params"), paramsMap);
            if (problem != null) {
                return invalid(id, JsonRpc.INVALID_PARAMS, "Invalid params for tools/call: " + problem);
            }
        }
        McpSchema.JSONRPCMessage message = hasId
                ? new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, name, id, params)
                : new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, name, params);
        return new Inbound.Message(message, paramsMap);
    }

    /** What is wrong with a {@code tools/call}'s params, or null: the SDK would fail on these without answering. */
    private static String toolCallProblem(boolean present, Map<String, Object> params) {
        if (!present || params.isEmpty()) {
            return "\"params\" must be an object with the tool's \"name\"";
        }
        if (!(params.get("name") instanceof String toolName) || toolName.isEmpty()) {
            return "\"params.name\" must be the name of a tool (see tools/list)";
        }
        Object arguments = params.get("arguments");
        if (arguments != null && !(arguments instanceof Map<?, ?>)) {
            return "\"params.arguments\" must be an object of named arguments, was "
                    + (arguments instanceof List<?> ? "an array" : arguments instanceof String ? "a string"
                    : "a " + (arguments instanceof Boolean ? "boolean" : "number"));
        }
        return null;
    }

    private static boolean isInteger(Object id) {
        if (id instanceof Integer || id instanceof Long || id instanceof java.math.BigInteger) {
            return true;
        }
        return id instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && !Double.isInfinite(number.doubleValue());
    }

    private static Inbound invalid(Object id, int code, String message) {
        return new Inbound.Invalid(JsonRpc.error(id, code, message));
    }
}
