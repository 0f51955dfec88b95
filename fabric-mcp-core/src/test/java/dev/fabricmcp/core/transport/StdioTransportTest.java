package dev.fabricmcp.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stdio front door: whatever arrives, it answers precisely and keeps serving. */
class StdioTransportTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    private static final String MODERN_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private OutputStream toServer;
    private BufferedReader fromServer;
    private CompletableFuture<Void> serving;
    private FabricClient fabric;

    @BeforeEach
    void start() throws IOException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        fabric = mock(FabricClient.class);
        FabricMcpServer server = FabricMcpServer.builder(fabric).version("test").build();
        StdioTransport transport = StdioTransport.of(server, Channels.newInputStream(in.source()),
                Channels.newOutputStream(out.sink()));
        serving = CompletableFuture.runAsync(transport::serve);
        toServer = Channels.newOutputStream(in.sink());
        fromServer = new BufferedReader(new InputStreamReader(Channels.newInputStream(out.source()),
                StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        serving.get(10, TimeUnit.SECONDS);
    }

    private void send(String line) throws IOException {
        send(line.getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] line) throws IOException {
        toServer.write(line);
        toServer.write('\n');
        toServer.flush();
    }

    private JsonObject next() throws IOException {
        String line = fromServer.readLine();
        assertTrue(line != null, "the server wrote nothing more");
        return JsonParser.parseString(line).getAsJsonObject();
    }

    private static int code(JsonObject response) {
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "garbage{|-32700",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]|-32600",
        "42|-32600",
        "{\"id\":1,\"method\":\"ping\"}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":1}|-32600"})
    void answersABadLineAndGoesOnServing(String line, int expectedCode) throws IOException {
        send(line);
        JsonObject error = next();
        assertEquals(expectedCode, code(error), error.toString());
        send(INITIALIZE);
        assertEquals(1, next().get("id").getAsInt());
    }

    /**
     * A thread that answers may carry an interrupt it did not consume (a worker whose previous task was cancelled);
     * written to an interruptible stream (a pipe's channel, as here), that interrupt would close stdout for good.
     */
    @Test
    void aThreadWithAPendingInterruptDoesNotCloseStdout() throws IOException {
        // Fabric's answer completes on a thread of its own that carries an interrupt: the response is sent from it.
        when(fabric.listPatternNamesAsync()).thenAnswer(call -> CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().interrupt();
            return List.of("summarize");
        }, task -> new Thread(task, "interrupted-worker").start()));
        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"fabric_list_patterns\","
                + "\"arguments\":{}," + MODERN_META + "}}");
        JsonObject listed = next();
        assertEquals(7, listed.get("id").getAsInt());
        assertTrue(listed.toString().contains("summarize"), listed.toString());
        send(INITIALIZE);
        assertEquals(1, next().get("id").getAsInt());
    }

    @Test
    void answersAParseErrorWithIdNull() throws IOException {
        send("garbage{");
        JsonObject error = next();
        assertTrue(error.has("id") && error.get("id").isJsonNull(), error.toString());
    }

    @Test
    void answersNestingDeeperThanTheParserAllowsWithAParseError() throws IOException {
        send("[".repeat(2_000) + "]".repeat(2_000));
        assertEquals(-32700, code(next()));
    }

    @Test
    void answersInvalidUtf8() throws IOException {
        send(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        JsonObject error = next();
        assertEquals(-32700, code(error));
        assertTrue(error.getAsJsonObject("error").get("message").getAsString().contains("UTF-8"));
    }

    @Test
    void ignoresBlankLines() throws IOException {
        send("");
        send("   ");
        send(INITIALIZE);
        assertEquals(1, next().get("id").getAsInt());
    }

    @Test
    void answersARequestBeforeInitializeButAllowsPing() throws IOException {
        send(TOOLS_LIST);
        JsonObject error = next();
        assertEquals(2, error.get("id").getAsInt());
        assertTrue(error.getAsJsonObject("error").get("message").getAsString().contains("initialize"));
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        JsonObject pong = next();
        assertEquals(3, pong.get("id").getAsInt());
        assertNull(pong.get("error"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"params\":null",
        "\"params\":{\"name\":\"fabric_list_patterns\",\"arguments\":[1,2]}",
        "\"params\":{\"name\":\"fabric_list_patterns\",\"arguments\":\"text\"}",
        "\"params\":{\"arguments\":{}}"})
    void answersAToolCallWithBadParamsWithInvalidParams(String params) throws IOException {
        send(INITIALIZE);
        next();
        send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\"," + params + "}");
        JsonObject error = next();
        assertEquals(9, error.get("id").getAsInt());
        assertEquals(-32602, code(error), error.toString());
    }

    @Test
    void writesEveryResponseDueBeforeStoppingAtTheEndOfInput() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        lines.write((INITIALIZE + "\n" + TOOLS_LIST + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.write(lines.toByteArray());
        toServer.close();
        serving.get(10, TimeUnit.SECONDS);
        assertEquals(1, next().get("id").getAsInt());
        JsonObject tools = next();
        assertEquals(2, tools.get("id").getAsInt());
        assertEquals("fabric_list_patterns", tools.getAsJsonObject("result").getAsJsonArray("tools").get(0)
                .getAsJsonObject().get("name").getAsString());
    }

    @Test
    void servesAModernDiscoverWithoutInitialize() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{" + MODERN_META + "}}");
        JsonObject result = next().getAsJsonObject("result");
        assertEquals("2026-07-28", result.getAsJsonArray("supportedVersions").get(0).getAsString());
        assertEquals("complete", result.get("resultType").getAsString());
        assertEquals("fabric-mcp", result.getAsJsonObject("_meta")
                .getAsJsonObject("io.modelcontextprotocol/serverInfo").get("name").getAsString());
    }

    @Test
    void servesModernToolsListWithCachingHints() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{" + MODERN_META + "}}");
        JsonObject result = next().getAsJsonObject("result");
        assertTrue(result.getAsJsonArray("tools").toString().contains("\"fabric_run_pattern\""), result.toString());
        assertTrue(result.get("ttlMs").getAsLong() > 0);
        assertEquals("public", result.get("cacheScope").getAsString());
    }

    @Test
    void answersAnUnsupportedModernVersionWithTheSupportedList() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                + "{\"io.modelcontextprotocol/protocolVersion\":\"2099-01-01\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
        JsonObject error = next().getAsJsonObject("error");
        assertEquals(-32022, error.get("code").getAsInt());
        assertEquals("2099-01-01", error.getAsJsonObject("data").get("requested").getAsString());
        assertFalse(error.getAsJsonObject("data").getAsJsonArray("supported").isEmpty());
    }
}
