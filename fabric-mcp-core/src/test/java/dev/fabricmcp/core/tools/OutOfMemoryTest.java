package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.when;

import dev.fabricmcp.core.testing.ScriptedFabric;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call that runs out of memory on the Fabric side (Reactor rethrows such fatal errors instead of passing them on)
 * still gets an answer in words, and the server goes on serving. The heap is not really exhausted: the Fabric
 * client throws the error.
 */
class OutOfMemoryTest {

    private static final OutOfMemoryError OOM = new OutOfMemoryError("Java heap space");

    @RegisterExtension
    final ScriptedFabric fabric = new ScriptedFabric();

    private McpSchema.CallToolResult listPatterns() {
        return fabric.mcp().session().call("fabric_list_patterns", Map.of());
    }

    private void assertSaidInWords(McpSchema.CallToolResult result) {
        String text = Texts.of(result);
        assertTrue(Boolean.TRUE.equals(result.isError()), text);
        assertTrue(text.startsWith("fabric-mcp ran out of memory."), text);
        assertFalse(text.contains("OutOfMemoryError") || text.contains("java."), text);
    }

    private void assertStillServing() {
        // doReturn, not when(...): calling the stub to restub it would throw the error in the test.
        doReturn(CompletableFuture.completedFuture(List.of("ok"))).when(fabric.client()).listPatternNamesAsync();
        McpSchema.CallToolResult next = listPatterns();
        assertFalse(Boolean.TRUE.equals(next.isError()), () -> Texts.of(next));
        assertTrue(Texts.of(next).contains("ok"), () -> Texts.of(next));
    }

    @Test
    void thrownWhenTheCallStarts() {
        when(fabric.client().listPatternNamesAsync()).thenThrow(OOM);
        assertSaidInWords(listPatterns());
        assertStillServing();
    }

    @Test
    void thrownWhileTheAnswerIsRead() {
        when(fabric.client().listPatternNamesAsync()).thenReturn(CompletableFuture.failedFuture(OOM));
        assertSaidInWords(listPatterns());
        assertStillServing();
    }

    @Test
    void thrownWhileARunStreams() {
        CompletableFuture<McpSchema.CallToolResult> run = fabric.mcp().session().callWithProgress(
                "fabric_run_pattern", Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "t")
                .toFuture();
        fabric.chunks().subscribed().join();
        fabric.chunks().content("the first words");
        fabric.chunks().fail(OOM);
        McpSchema.CallToolResult failed = run.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        assertSaidInWords(failed);
        assertTrue(Texts.of(failed).contains("the first words"), () -> Texts.of(failed));
        assertStillServing();
    }
}
