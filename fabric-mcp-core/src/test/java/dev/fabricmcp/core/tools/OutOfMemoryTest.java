package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call that runs out of memory on the Fabric side (Reactor rethrows such fatal errors instead of passing them on)
 * still gets an answer in words, and the server goes on serving. The heap is not really exhausted: the real client,
 * talking to the emulator, throws the error where a test tells it to.
 */
class OutOfMemoryTest {

    private static final OutOfMemoryError OOM = new OutOfMemoryError("Java heap space");

    private final FabricEmulator fabric = FabricEmulator.builder()
            .script("summarize", ChatScript.answer("the first words", " and the rest"))
            .build().start();
    private final FabricClient client = spy(FabricClient.builder().baseUri(fabric.uri()).build());
    private final McpHarness mcp = McpHarness.start(client);

    @AfterEach
    void stop() {
        mcp.close();
        fabric.close();
    }

    private McpSchema.CallToolResult listPatterns() {
        return mcp.session().call("fabric_list_patterns", Map.of());
    }

    private static void assertSaidInWords(McpSchema.CallToolResult result) {
        String text = Texts.of(result);
        assertTrue(Boolean.TRUE.equals(result.isError()), text);
        assertTrue(text.startsWith("fabric-mcp ran out of memory."), text);
        assertFalse(text.contains("OutOfMemoryError") || text.contains("java."), text);
    }

    private void assertStillServing() {
        doCallRealMethod().when(client).listPatternNamesAsync();
        McpSchema.CallToolResult next = listPatterns();
        assertFalse(Boolean.TRUE.equals(next.isError()), () -> Texts.of(next));
        assertTrue(Texts.of(next).contains("summarize"), () -> Texts.of(next));
    }

    @Test
    void thrownWhenTheCallStarts() {
        doThrow(OOM).when(client).listPatternNamesAsync();
        assertSaidInWords(listPatterns());
        assertStillServing();
    }

    @Test
    void thrownWhileTheAnswerIsRead() {
        doReturn(CompletableFuture.failedFuture(OOM)).when(client).listPatternNamesAsync();
        assertSaidInWords(listPatterns());
        assertStillServing();
    }

    @Test
    void thrownWhileARunStreams() {
        doAnswer(call -> failingAfterTheFirstChunk((Flow.Publisher<FabricChunk>) call.callRealMethod()))
                .when(client).chat(any(ChatRequest.class));
        McpSchema.CallToolResult failed = mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "t")
                .block(Duration.ofSeconds(30));
        assertSaidInWords(failed);
        assertTrue(Texts.of(failed).contains("the first words"), () -> Texts.of(failed));
        assertStillServing();
    }

    @Test
    void thrownWhileAPromptIsApplied() {
        doThrow(OOM).when(client).applyPattern(any(), any(), any());
        McpError failure = assertThrows(McpError.class, () -> mcp.session().client()
                .getPrompt(new McpSchema.GetPromptRequest("summarize", Map.of("input", "x")))
                .block(Duration.ofSeconds(30)));
        assertTrue(failure.getMessage().startsWith("fabric-mcp ran out of memory."), failure.getMessage());
        assertStillServing();
    }

    /** Fabric's stream, but the second chunk arrives as an OutOfMemoryError (as if reading it had run out). */
    private static Flow.Publisher<FabricChunk> failingAfterTheFirstChunk(Flow.Publisher<FabricChunk> stream) {
        return subscriber -> stream.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription upstream;
            private int seen;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                upstream = subscription;
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(FabricChunk chunk) {
                if (++seen == 2) {
                    upstream.cancel();
                    subscriber.onError(OOM);
                } else if (seen < 2) {
                    subscriber.onNext(chunk);
                }
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                if (seen < 2) {
                    subscriber.onComplete();
                }
            }
        });
    }
}
