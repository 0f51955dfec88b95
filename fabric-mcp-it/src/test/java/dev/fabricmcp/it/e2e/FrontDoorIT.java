package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real fabric-mcp process, fed what a broken or hostile client sends, on both transports: every message gets a
 * precise JSON-RPC answer and the server keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDoorIT {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder()
            .script("endless", ChatScript.slowStream(4_000, Duration.ofMillis(50)))
            .build().start();

    private FabricMcpProcess stdio() {
        return FabricMcpProcess.start(List.of(), Map.of("FABRIC_BASE_URL", fabric.uri().toString()));
    }

    private static void send(OutputStream in, byte[] line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    private static JsonObject next(BufferedReader out) throws IOException {
        String line = out.readLine();
        assertTrue(line != null, "stdout ended");
        return JsonParser.parseString(line).getAsJsonObject();
    }

    private static int code(JsonObject response) {
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    @Test
    void stdioAnswersEveryBadLineAndKeepsServing() throws Exception {
        try (FabricMcpProcess server = stdio()) {
            OutputStream in = server.stdin();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            send(in, "garbage{".getBytes(StandardCharsets.UTF_8));
            JsonObject parse = next(out);
            assertEquals(-32700, code(parse));
            assertTrue(parse.get("id").isJsonNull(), parse.toString());
            send(in, "[{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}]".getBytes(StandardCharsets.UTF_8));
            assertEquals(-32600, code(next(out)));
            send(in, new byte[] {'{', (byte) 0xFF, '}'});
            assertEquals(-32700, code(next(out)));
            send(in, "".getBytes(StandardCharsets.UTF_8)); // a stray newline: skipped
            send(in, TOOLS_LIST.getBytes(StandardCharsets.UTF_8));
            JsonObject early = next(out);
            assertEquals(2, early.get("id").getAsInt());
            assertEquals(-32600, code(early), "a request before initialize");
            send(in, INITIALIZE.getBytes(StandardCharsets.UTF_8));
            assertEquals(1, next(out).get("id").getAsInt());
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":null}"
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(-32602, code(next(out)));
            send(in, ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"fabric_list_patterns\",\"arguments\":[]}}").getBytes(StandardCharsets.UTF_8));
            assertEquals(-32602, code(next(out)));
            send(in, TOOLS_LIST.getBytes(StandardCharsets.UTF_8));
            assertTrue(next(out).getAsJsonObject("result").has("tools"), "still serving");
        }
    }

    /**
     * The SDK logs a client's name and version as they came: a line break in the name used to forge a log line,
     * and a 10-million-character version wrote 10 MB to stderr. The log sink escapes and shortens every message.
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aClientsNameCanNeitherForgeNorFloodTheLog(String format) throws Exception {
        try (FabricMcpProcess server = FabricMcpProcess.start(List.of("--log-format", format),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            OutputStream in = server.stdin();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            send(in, INITIALIZE.replace("\"name\":\"it\"", "\"name\":\"it\\r\\nFORGED: a line of its own\"")
                    .replace("\"version\":\"1\"", "\"version\":\"" + "9".repeat(10_000_000) + "\"")
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(1, next(out).get("id").getAsInt());
            send(in, TOOLS_LIST.getBytes(StandardCharsets.UTF_8));
            assertTrue(next(out).getAsJsonObject("result").has("tools"), "still serving");

            // The SDK's line ends with the length of what was cut: once it is read, so is every line it holds.
            String logged = server.awaitStderr("Client initialize request", Duration.ofSeconds(30));
            String message = format.equals("json")
                    ? JsonParser.parseString(logged).getAsJsonObject().get("message").getAsString() : logged;
            String start = message.substring(0, Math.min(message.length(), 400));
            assertTrue(message.contains("it\\r\\nFORGED: a line of its own"), start);
            assertTrue(message.length() < 2200 && message.matches("(?s).*… \\(\\d+ characters\\)"), start);
            List<String> stderr = server.stderr();
            assertEquals(List.of(), stderr.stream().filter(line -> line.contains("FORGED") && !line.equals(logged))
                    .toList(), "forged log lines");
            int total = stderr.stream().mapToInt(String::length).sum();
            assertTrue(total < 100_000, "stderr holds " + total + " characters");
            if (format.equals("json")) {
                stderr.forEach(line -> JsonParser.parseString(line).getAsJsonObject());
            }
        }
    }

    @Test
    void stdioWritesEveryAnswerDueBeforeExitingAtTheEndOfInput() throws Exception {
        try (FabricMcpProcess server = stdio()) {
            server.stdin().write((INITIALIZE + "\n" + TOOLS_LIST + "\n").getBytes(StandardCharsets.UTF_8));
            server.stdin().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            assertEquals(1, next(out).get("id").getAsInt());
            assertTrue(next(out).getAsJsonObject("result").has("tools"));
            assertEquals(0, server.awaitExit(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aStdioClientGetsItsResultAfterSigterm() throws Exception {
        try (FabricMcpProcess server = stdio()) {
            OutputStream in = server.stdin();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            send(in, INITIALIZE.getBytes(StandardCharsets.UTF_8));
            next(out);
            var chat = fabric.nextChat();
            send(in, ("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\"endless\",\"input_text\":\"x\"}}}")
                    .getBytes(StandardCharsets.UTF_8));
            chat.get(10, java.util.concurrent.TimeUnit.SECONDS);
            // SIGTERM, as a service manager sends it (Process.destroy would also close the pipe we read from).
            new ProcessBuilder("kill", "-TERM", Long.toString(server.process().pid())).start().waitFor();
            JsonObject result = next(out);
            assertEquals(9, result.get("id").getAsInt(), result.toString());
            assertTrue(result.getAsJsonObject("result").get("isError").getAsBoolean(), result.toString());
            assertTrue(result.toString().contains("stopping"), result.toString());
        }
    }

    @Test
    void httpAnswersErrorsAsJsonRpcNeverAsJavaExceptions() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            HttpResponse<String> bad = http.post("{bad", Map.of());
            assertEquals(400, bad.statusCode());
            assertEquals(-32700, code(JsonParser.parseString(bad.body()).getAsJsonObject()), bad.body());
            assertFalse(bad.body().contains("java") || bad.body().contains("Exception"), bad.body());

            HttpResponse<String> unknown = http.post(TOOLS_LIST, Map.of("Mcp-Session-Id", "no-such-session",
                    "MCP-Protocol-Version", "2025-11-25"));
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals(-32001, code(JsonParser.parseString(unknown.body()).getAsJsonObject()), unknown.body());

            HttpResponse<String> get = new RawMcpHttp(server.endpoint()).get();
            assertEquals(405, get.statusCode());
            assertTrue(get.body().contains("\"jsonrpc\""), get.body());

            http.openSession();
            HttpResponse<String> nullParams = http.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":null}", Map.of());
            assertEquals(400, nullParams.statusCode());
            assertEquals(-32602, code(JsonParser.parseString(nullParams.body()).getAsJsonObject()));
            HttpResponse<String> stringArguments = http.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"fabric_list_patterns\",\"arguments\":\"x\"}}", Map.of());
            assertEquals(-32602, code(JsonParser.parseString(stringArguments.body()).getAsJsonObject()));

            HttpResponse<String> listed = http.post(TOOLS_LIST, Map.of());
            assertEquals(200, listed.statusCode());
            assertFalse(listed.body().lines().anyMatch(line -> line.startsWith("id:")),
                    "SSE events carry no id (the SDK gave each the session's): " + listed.body());
        }
    }

    @Test
    void httpValidatesTheModernHeaders() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            HttpResponse<String> mismatch = http.post(list, Map.of("MCP-Protocol-Version", "2025-11-25",
                    "Mcp-Method", "tools/list"));
            assertEquals(400, mismatch.statusCode());
            assertEquals(-32020, code(JsonParser.parseString(mismatch.body()).getAsJsonObject()));
            HttpResponse<String> ok = http.post(list, Map.of("MCP-Protocol-Version", "2026-07-28",
                    "Mcp-Method", "tools/list"));
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("complete", JsonParser.parseString(ok.body()).getAsJsonObject().getAsJsonObject("result")
                    .get("resultType").getAsString());
        }
    }
}
