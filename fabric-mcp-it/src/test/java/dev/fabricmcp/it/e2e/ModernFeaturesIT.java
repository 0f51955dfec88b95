package dev.fabricmcp.it.e2e;

import static dev.fabricmcp.it.e2e.ModernMessages.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prompts, resources, completion, pattern search and pipelines for a modern (2026-07-28) client, with no handshake,
 * over stdio and over Streamable HTTP: the same features a legacy session gets (PromptsAndResourcesIT, ContentToolsIT,
 * PipelineIT), through the real process and the modern front doors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModernFeaturesIT {

    @AutoClose
    private final FabricEmulator fabric = ContentFabric.start().wordDelay(java.time.Duration.ofMillis(1))
            .script("extract_wisdom", ChatScript.answer("IDEAS: ", "ship small"))
            .script("summarize", ChatScript.answer("Ship small."));

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void aModernClientGetsEveryFeatureWithoutAHandshake(String transport) throws IOException {
        try (FabricMcpProcess server = transport.equals("http")
                ? FabricMcpProcess.startHttp(List.of(), Map.of("FABRIC_BASE_URL", fabric.uri().toString()))
                : FabricMcpProcess.start(List.of(), Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            Function<Request, JsonObject> call = transport.equals("http") ? http(server) : stdio(server);

            JsonObject discovered = result(call.apply(new Request(1, "server/discover", null, Map.of())));
            JsonObject capabilities = discovered.getAsJsonObject("capabilities");
            for (String feature : List.of("tools", "prompts", "resources", "completions")) {
                assertTrue(capabilities.has(feature), feature + " in " + discovered);
            }

            JsonObject prompts = result(call.apply(new Request(2, "prompts/list", null, Map.of())));
            assertTrue(names(prompts.getAsJsonArray("prompts")).contains("summarize"), prompts.toString());
            assertTrue(prompts.has("ttlMs") && prompts.has("cacheScope"), "caching hints: " + prompts);

            JsonObject prompt = result(call.apply(new Request(3, "prompts/get", "summarize",
                    Map.of("name", "summarize", "arguments", Map.of("input", "a modern input")))));
            JsonObject message = prompt.getAsJsonArray("messages").get(0).getAsJsonObject();
            assertEquals("user", message.get("role").getAsString());
            assertTrue(message.getAsJsonObject("content").get("text").getAsString().contains("a modern input"),
                    prompt.toString());

            JsonObject context = result(call.apply(new Request(4, "resources/read", "fabric://contexts/about_me",
                    Map.of("uri", "fabric://contexts/about_me"))));
            assertEquals("I write Java for a living.", context.getAsJsonArray("contents").get(0).getAsJsonObject()
                    .get("text").getAsString());

            JsonObject missing = call.apply(new Request(5, "resources/read", "fabric://patterns/no_such",
                    Map.of("uri", "fabric://patterns/no_such")));
            assertEquals(-32602, missing.getAsJsonObject("error").get("code").getAsInt(),
                    "the 2026-07-28 resource-not-found code: " + missing);

            JsonObject completed = result(call.apply(new Request(6, "completion/complete", null, Map.of(
                    "ref", Map.of("type", "ref/resource", "uri", "fabric://patterns/{name}"),
                    "argument", Map.of("name", "name", "value", "summ")))));
            assertTrue(completed.getAsJsonObject("completion").getAsJsonArray("values").toString()
                    .contains("\"summarize\""), completed.toString());

            JsonObject found = result(call.apply(new Request(7, "tools/call", "fabric_find_patterns", Map.of(
                    "name", "fabric_find_patterns",
                    "arguments", Map.of("query", "look at ransomware samples", "limit", 3)))));
            assertEquals("analyze_malware", found.getAsJsonObject("structuredContent").getAsJsonArray("patterns")
                    .get(0).getAsJsonObject().get("name").getAsString(), found.toString());

            JsonObject piped = result(call.apply(new Request(8, "tools/call", "fabric_run_pipeline", Map.of(
                    "name", "fabric_run_pipeline",
                    "arguments", Map.of("input_text", "A long talk about releases", "steps", List.of(
                            Map.of("pattern_name", "extract_wisdom"), Map.of("pattern_name", "summarize")))))));
            assertEquals(false, piped.get("isError").getAsBoolean(), piped.toString());
            assertEquals("Ship small.\n", piped.getAsJsonObject("structuredContent").get("final_output")
                    .getAsString(), piped.toString());
        }
    }

    /** One modern request: its id, method, the {@code Mcp-Name} it names (or null) and its params. */
    private record Request(int id, String method, String name, Map<String, Object> params) {

        String json() {
            return ModernMessages.request(id, method, params);
        }
    }

    private static Function<Request, JsonObject> http(FabricMcpProcess server) {
        RawMcpHttp http = new RawMcpHttp(server.endpoint());
        return request -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("MCP-Protocol-Version", "2026-07-28");
            headers.put("Mcp-Method", request.method());
            if (request.name() != null) {
                headers.put("Mcp-Name", request.name());
            }
            HttpResponse<String> response = http.post(request.json(), headers);
            return responseTo(request.id(), response.body().lines()
                    .map(line -> line.startsWith("data:") ? line.substring(5).trim() : line)
                    .filter(line -> line.startsWith("{")).toList());
        };
    }

    private static Function<Request, JsonObject> stdio(FabricMcpProcess server) {
        OutputStream in = server.stdin();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
        return request -> {
            try {
                in.write((request.json() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    JsonObject message = JsonParser.parseString(line).getAsJsonObject();
                    if (message.has("id") && message.get("id").getAsInt() == request.id()) {
                        return message;
                    }
                }
                throw new AssertionError("stdout ended before the answer to " + request.method());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The response among the messages of one answer (notifications may come before it on an SSE stream). */
    private static JsonObject responseTo(int id, List<String> messages) {
        for (String text : messages) {
            JsonObject message = JsonParser.parseString(text).getAsJsonObject();
            if (message.has("id") && !message.get("id").isJsonNull() && message.get("id").getAsInt() == id) {
                return message;
            }
        }
        throw new AssertionError("no response with id " + id + " in " + messages);
    }

    private static List<String> names(JsonArray items) {
        return items.asList().stream().map(JsonElement::getAsJsonObject).map(item -> item.get("name").getAsString())
                .toList();
    }
}
