package dev.fabricmcp.core.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A client that gives up on a run stops Fabric: the chunk stream is cancelled, which closes Fabric's connection. */
class CancellationTest {

    /** Let go by the test once it has acted; from then on Fabric writes often, so it notices a closed connection. */
    private final CompletableFuture<Void> goOn = new CompletableFuture<>();
    private final FabricEmulator fabric = FabricEmulator.builder()
            .script("summarize", ChatScript.builder().content("first words ").await(goOn)
                    .series(400, Duration.ofMillis(5), "more").build())
            .build().start();
    @AutoClose
    private final McpHarness mcp = McpHarness.over(fabric);
    private RecordedChat chat;

    private CompletableFuture<McpSchema.CallToolResult> startStreamingRun() throws Exception {
        CompletableFuture<RecordedChat> next = fabric.nextChat();
        CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "c").toFuture();
        chat = next.get(5, TimeUnit.SECONDS);
        assertEquals("first words ", mcp.session().nextProgress().message());
        return result;
    }

    @Test
    void notificationsCancelledStopsTheFabricStreamWithinASecond() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = startStreamingRun();
        Object requestId = mcp.session().toolCallIds().get(0);

        mcp.session().cancel(requestId);
        goOn.complete(null);

        chat.clientGone().get(1, TimeUnit.SECONDS);
        assertEquals(0, mcp.fabricMcp().runningCalls().size());
        // As the MCP specification asks, no response for the cancelled request: stdio is ordered, so the answer
        // to a later call proves none came before it.
        mcp.session().call("fabric_list_patterns", Map.of());
        assertFalse(result.isDone(), "the cancelled call got a response");
    }

    @Test
    void cancellingAnotherRequestLeavesTheRunAlone() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = startStreamingRun();
        mcp.session().cancel(987654);
        goOn.complete(null);
        assertEquals("more 0\n", mcp.session().nextProgress().message());
        assertFalse(chat.clientGoneAt().isPresent());
        assertEquals(Boolean.FALSE, result.get(30, TimeUnit.SECONDS).isError());
    }

    @Test
    void closingTheConnectionStopsTheFabricStreamWithinASecond() throws Exception {
        startStreamingRun();

        mcp.session().stdioTransport().closeStdin();
        goOn.complete(null);

        chat.clientGone().get(1, TimeUnit.SECONDS);
    }
}
