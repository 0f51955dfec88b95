package dev.fabricmcp.core.transport.http;

import dev.fabricmcp.core.protocol.Inbound;
import dev.fabricmcp.core.protocol.JsonRpc;
import dev.fabricmcp.core.protocol.ModernDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;

/**
 * The Streamable HTTP 2026-07-28 request headers, checked against the body they mirror: {@code MCP-Protocol-Version},
 * {@code Mcp-Method}, and {@code Mcp-Name} for the methods that name something. Intermediaries route on these, so a
 * mismatch is refused (400, HeaderMismatch) rather than served on the body's word.
 */
final class ModernHeaders {

    private static final Set<String> NAMED = Set.of("tools/call", "prompts/get", "resources/read");

    private ModernHeaders() {
    }

    /** The error to answer with, or null when the headers agree with the body. */
    static Map<String, Object> check(HttpServletRequest request, Inbound.Message message) {
        Object id = message.requestId();
        String version = request.getHeader(HttpFrontDoor.VERSION_HEADER);
        Object bodyVersion = message.meta().get(ModernDispatcher.META_PROTOCOL_VERSION);
        if (version == null) {
            return mismatch(id, "the " + HttpFrontDoor.VERSION_HEADER + " header is missing");
        }
        if (bodyVersion instanceof String body && !body.equals(version.strip())) {
            return mismatch(id, HttpFrontDoor.VERSION_HEADER + " header value '" + version.strip()
                    + "' does not match the body's _meta." + ModernDispatcher.META_PROTOCOL_VERSION + " '" + body + "'");
        }
        if (message.requestId() == null) {
            return null; // Header rules for notifications are not defined by this revision.
        }
        String method = request.getHeader("Mcp-Method");
        if (method == null) {
            return mismatch(id, "the Mcp-Method header is missing");
        }
        if (!method.strip().equals(message.method())) {
            return mismatch(id, "Mcp-Method header value '" + method.strip() + "' does not match the body's method '"
                    + message.method() + "'");
        }
        if (NAMED.contains(message.method())) {
            Object bodyName = message.params().get("resources/read".equals(message.method()) ? "uri" : "name");
            String name = request.getHeader("Mcp-Name");
            if (bodyName != null && name == null) {
                return mismatch(id, "the Mcp-Name header is missing");
            }
            String decoded = name == null ? null : HttpFrontDoor.decodeHeader(name);
            if (bodyName != null && !bodyName.equals(decoded)) {
                return mismatch(id, "Mcp-Name header value does not match the body's name '" + bodyName + "'");
            }
        }
        return null;
    }

    private static Map<String, Object> mismatch(Object id, String what) {
        return JsonRpc.error(id, JsonRpc.HEADER_MISMATCH, "Header mismatch: " + what);
    }
}
