package dev.fabricmcp.core.cancel;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.ScriptedChunks;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that gives up on a run stops Fabric: the chunk stream is cancelled, which closes Fabric's connection. */
class CancellationTest {

    private final FabricClient fabric = mock(FabricClient.class);
    private final ScriptedChunks chunks = new ScriptedChunks();
    private McpHarness mcp;

    @BeforeEach
    void start() {
        when(fabric.chat(any(ChatRequest.class))).thenReturn(chunks);
        mcp = McpHarness.start(fabric);
    }

    @AfterEach
    void stop() {
        mcp.close();
    }

    private CompletableFuture<McpSchema.CallToolResult> startStreamingRun() {
        CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "c").toFuture();
        chunks.content("first words ");
        mcp.session().nextProgress();
        return result;
    }

    @Test
    void notificationsCancelledStopsTheFabricStreamWithinASecond() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = startStreamingRun();
        Object requestId = mcp.session().toolCallIds().get(0);

        mcp.session().cancel(requestId);

        chunks.cancelled().get(1, TimeUnit.SECONDS);
        assertEquals(0, mcp.fabricMcp().runningCalls().size());
        // As the MCP specification asks, no response for the cancelled request: stdio is ordered, so the answer
        // to a later call proves none came before it.
        when(fabric.listPatternNamesAsync()).thenReturn(completedFuture(java.util.List.of("summarize")));
        mcp.session().call("fabric_list_patterns", Map.of());
        assertFalse(result.isDone(), "the cancelled call got a response");
    }

    @Test
    void cancellingAnotherRequestLeavesTheRunAlone() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = startStreamingRun();
        mcp.session().cancel(987654);
        chunks.content("more");
        mcp.session().nextProgress();
        assertFalse(chunks.cancelled().isDone());
        chunks.complete();
        assertEquals(Boolean.FALSE, result.get(5, TimeUnit.SECONDS).isError());
    }

    @Test
    void closingTheConnectionStopsTheFabricStreamWithinASecond() throws Exception {
        startStreamingRun();

        mcp.session().stdioTransport().closeStdin();

        chunks.cancelled().get(1, TimeUnit.SECONDS);
    }
}
