package dev.fabricmcp.core.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON-RPC error codes fabric-mcp answers with, and the one way a response is built. Responses are plain maps:
 * the SDK's response record refuses the {@code "id": null} that JSON-RPC requires for an unreadable request.
 */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Legacy Streamable HTTP: the session named by {@code Mcp-Session-Id} does not exist (any more). */
    public static final int SESSION_NOT_FOUND = -32001;
    /** MCP 2026-07-28: an HTTP header does not match the body, or a required one is missing. */
    public static final int HEADER_MISMATCH = -32020;
    /** MCP 2026-07-28: the request's protocol version is not one this server speaks. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /*
     * The HTTP front door's refusals before any message is read (so with "id": null), in the server range
     * -32000..-32099, clear of the codes MCP itself uses (-32001, -32002, -32020..-32022, -32042). Each has its
     * own code so that a client can tell them apart without parsing the message; the HTTP status says the same.
     */
    /** HTTP 401: no bearer token, or another one. */
    public static final int UNAUTHORIZED = -32031;
    /** HTTP 403: a browser {@code Origin} not allowed (DNS-rebinding protection). */
    public static final int FORBIDDEN_ORIGIN = -32032;
    /** HTTP 421: a {@code Host} header not allowed (DNS-rebinding protection). */
    public static final int MISDIRECTED_HOST = -32033;
    /** HTTP 429: too many requests without the right bearer token from one address. */
    public static final int TOO_MANY_ATTEMPTS = -32034;
    /** HTTP 408: the request body did not arrive whole within the time allowed. */
    public static final int REQUEST_TIMEOUT = -32035;

    private JsonRpc() {
    }

    /** A result response. */
    public static Map<String, Object> result(Object id, Object result) {
        return message("id", id, "result", result);
    }

    /** An error response; {@code id} is null when the request's id could not be read. */
    public static Map<String, Object> error(Object id, int code, String message) {
        return error(id, code, message, null);
    }

    public static Map<String, Object> error(Object id, int code, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        return message("id", id, "error", error);
    }

    /** A notification. */
    public static Map<String, Object> notification(String method, Object params) {
        return message("method", method, "params", params);
    }

    /** A JSON-RPC 2.0 message with these two members, in this order. */
    private static Map<String, Object> message(String first, Object firstValue, String second, Object secondValue) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put(first, firstValue);
        message.put(second, secondValue);
        return message;
    }

    /**
     * The HTTP status a modern response travels with (Streamable HTTP 2026-07-28): 200 for a result, 404 for an
     * unknown method, 500 for a fault of ours, 400 for everything the client has to change.
     */
    public static int httpStatus(Map<String, Object> response) {
        if (!(response.get("error") instanceof Map<?, ?> error)) {
            return 200;
        }
        Object code = error.get("code");
        if (Integer.valueOf(METHOD_NOT_FOUND).equals(code)) {
            return 404;
        }
        return Integer.valueOf(INTERNAL_ERROR).equals(code) ? 500 : 400;
    }
}
