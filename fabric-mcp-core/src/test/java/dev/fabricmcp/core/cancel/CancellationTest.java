package dev.fabricmcp.core.cancel;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.when;

import dev.fabricmcp.core.testing.ScriptedFabric;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that gives up on a run stops Fabric: the chunk stream is cancelled, which closes Fabric's connection. */
class CancellationTest {

    @RegisterExtension
    final ScriptedFabric fabric = new ScriptedFabric();

    private CompletableFuture<McpSchema.CallToolResult> startStreamingRun() {
        CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "c").toFuture();
        fabric.chunks().content("first words ");
        fabric.mcp().session().nextProgress();
        return result;
    }

    @Test
    void notificationsCancelledStopsTheFabricStreamWithinASecond() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = startStreamingRun();
        Object requestId = fabric.mcp().session().toolCallIds().get(0);

        fabric.mcp().session().cancel(requestId);

        fabric.chunks().cancelled().get(1, TimeUnit.SECONDS);
        assertEquals(0, fabric.mcp().fabricMcp().runningCalls().size());
        // As the MCP specification asks, no response for the cancelled request: stdio is ordered, so the answer
        // to a later call proves none came before it.
        when(fabric.client().listPatternNamesAsync()).thenReturn(completedFuture(java.util.List.of("summarize")));
        fabric.mcp().session().call("fabric_list_patterns", Map.of());
        assertFalse(result.isDone(), "the cancelled call got a response");
    }

    @Test
    void cancellingAnotherRequestLeavesTheRunAlone() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = startStreamingRun();
        fabric.mcp().session().cancel(987654);
        fabric.chunks().content("more");
        fabric.mcp().session().nextProgress();
        assertFalse(fabric.chunks().cancelled().isDone());
        fabric.chunks().complete();
        assertEquals(Boolean.FALSE, result.get(5, TimeUnit.SECONDS).isError());
    }

    @Test
    void closingTheConnectionStopsTheFabricStreamWithinASecond() throws Exception {
        startStreamingRun();

        fabric.mcp().session().stdioTransport().closeStdin();

        fabric.chunks().cancelled().get(1, TimeUnit.SECONDS);
    }
}
