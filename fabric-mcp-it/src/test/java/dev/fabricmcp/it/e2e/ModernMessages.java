package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a modern (2026-07-28) client sends without a handshake, and how the tests read a complete result. */
final class ModernMessages {

    private static final Gson GSON = new Gson();
    /** The {@code _meta} every modern request carries. */
    static final Map<String, Object> META = Map.of(
            "io.modelcontextprotocol/protocolVersion", "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities", Map.of(),
            "io.modelcontextprotocol/clientInfo", Map.of("name", "modern-it", "version", "1"));

    private ModernMessages() {
    }

    /** A modern request: these params and {@link #META}. */
    static String request(int id, String method, Map<String, Object> params) {
        Map<String, Object> withMeta = new LinkedHashMap<>(params);
        withMeta.put("_meta", META);
        return GSON.toJson(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", withMeta));
    }

    /** The result of a response, which must say it is complete. */
    static JsonObject result(JsonObject response) {
        assertTrue(response.has("result"), response.toString());
        JsonObject result = response.getAsJsonObject("result");
        assertEquals("complete", result.get("resultType").getAsString(), result.toString());
        return result;
    }
}
