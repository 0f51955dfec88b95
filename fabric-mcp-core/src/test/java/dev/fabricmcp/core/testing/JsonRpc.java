package dev.fabricmcp.core.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/** The MCP messages the raw (hand-written JSON-RPC) tests send, and a way to read what comes back. */
public final class JsonRpc {

    public static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"fabric-mcp-test","version":"1"}}}""";
    public static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private JsonRpc() {
    }

    public static String toolsList(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
    }

    public static String callTool(Object id, String tool, JsonObject arguments) {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", arguments);
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.add("id", id instanceof Number n ? new JsonPrimitive(n) : new JsonPrimitive(id.toString()));
        request.addProperty("method", "tools/call");
        request.add("params", params);
        return request.toString();
    }

    public static JsonObject runPattern(String pattern, String input) {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("pattern_name", pattern);
        arguments.addProperty("input_text", input);
        return arguments;
    }

    public static String cancelled(Object requestId) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                + (requestId instanceof Number ? requestId : "\"" + requestId + "\"")
                + ",\"reason\":\"the user pressed stop\"}}";
    }

    /** The JSON-RPC message in an SSE body ({@code data: ...} lines) or a plain JSON body. */
    public static JsonObject message(String body) {
        String json = body.strip();
        if (!json.startsWith("{")) {
            json = body.lines().filter(line -> line.startsWith("data:")).map(line -> line.substring(5).strip())
                    .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no data in " + body));
        }
        return JsonParser.parseString(json).getAsJsonObject();
    }

    /** The text of a {@code tools/call} result. */
    public static String resultText(JsonObject response) {
        return response.getAsJsonObject("result").getAsJsonArray("content").get(0).getAsJsonObject()
                .get("text").getAsString();
    }
}
