package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.ChatOutcome;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import dev.fabricmcp.it.support.FabricMcpProcess;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A client that goes away while Fabric is silent (a thinking model sends nothing for minutes) is noticed within a
 * second, in both protocol eras, with or without a progress token: Fabric's {@code /chat} connection closes.
 *
 * <p>"Silent" is silent for the MCP client: the emulator sends no event at all, only an SSE comment every 50 ms,
 * which fabric-mcp's parser skips (so nothing reaches the client) and which lets the emulator notice quickly that
 * its own client, fabric-mcp, left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilentDisconnectIT {

    private static final String PATTERN = "thinking";
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FabricEmulator fabric;
    private FabricMcpProcess server;

    @BeforeAll
    void start() {
        ChatScript.Builder thinking = ChatScript.builder();
        for (int i = 0; i < 4_000; i++) { // 200 s unless stopped
            thinking.pause(Duration.ofMillis(50)).raw(":\n\n");
        }
        fabric = FabricEmulator.builder().script(PATTERN, thinking.build()).build().start();
        server = FabricMcpProcess.startHttp(List.of(), Map.of("FABRIC_BASE_URL", fabric.uri().toString()));
    }

    @AfterAll
    void stop() {
        server.close();
        fabric.close();
    }

    @ParameterizedTest(name = "{0} era, progress token: {1}")
    @CsvSource({"modern, true", "modern, false", "legacy, true", "legacy, false"})
    void aClientThatClosesItsStreamStopsTheRun(String era, boolean progressToken) throws Exception {
        RawMcpHttp http = new RawMcpHttp(server.endpoint());
        String meta = progressToken ? "\"progressToken\":\"silent\"" : "";
        Map<String, String> headers;
        if (era.equals("modern")) {
            meta += (meta.isEmpty() ? "" : ",") + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}";
            headers = Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call",
                    "Mcp-Name", "fabric_run_pattern");
        } else {
            http.openSession();
            headers = Map.of();
        }
        CompletableFuture<RecordedChat> next = fabric.nextChat();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\"" + PATTERN + "\",\"input_text\":\"x\","
                + "\"stream\":true},\"_meta\":{" + meta + "}}}";
        CompletableFuture<HttpResponse<InputStream>> response =
                CompletableFuture.supplyAsync(() -> http.postStreaming(call, headers));
        RecordedChat chat = next.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        InputStream body = response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).body();
        assertFalse(chat.clientGoneAt().isPresent(), "Fabric is still thinking");

        Instant closedAt = Instant.now();
        body.close();
        Instant goneAt = chat.clientGone().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Duration delay = Duration.between(closedAt, goneAt);
        System.out.println("[SilentDisconnectIT] " + era + ", progress token " + progressToken
                + ": Fabric saw its client go " + delay.toMillis() + " ms after the MCP client closed its stream");
        assertEquals(ChatOutcome.CLIENT_GONE, chat.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(delay.compareTo(LIMIT) < 0, () -> "noticed only after " + delay.toMillis() + " ms");
    }
}
