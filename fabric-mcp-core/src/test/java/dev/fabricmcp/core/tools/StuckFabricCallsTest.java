package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.call.CallChannel;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.ModelCatalog;
import dev.fabricmcp.emulator.RecordedRequest;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Read-only tools against a Fabric whose pattern route sends its headers and part of a body and then nothing more
 * (a space now and then, so that it notices its client leave): such calls hold no thread, so any number of them
 * never delays another tool, and disposing or cancelling a call closes its connection.
 */
class StuckFabricCallsTest {

    /** More than Reactor's bounded elastic pool has threads on any machine this runs on (10 per core). */
    private static final int STUCK = 10 * Runtime.getRuntime().availableProcessors() + 5;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Predicate<RecordedRequest> STUCK_ROUTE = r -> r.rawPath().equals("/patterns/summarize");

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder()
            .models(ModelCatalog.empty().withVendor("Ollama", "m1")).build().start()
            .answer("GET", "/patterns/summarize",
                    Answer.json("{\"Name\": \"summ").thenKeepAlive(Duration.ofMillis(20)));

    private FabricClient client() {
        return FabricClient.builder().baseUri(fabric.uri()).requestTimeout(Duration.ofMinutes(5)).build();
    }

    private static Map<String, Object> summarize() {
        return Map.of("pattern_name", "summarize");
    }

    @Test
    void callsStuckOnFabricNeverDelayAnotherTool() throws Exception {
        try (McpHarness mcp = McpHarness.start(client())) {
            List<CompletableFuture<McpSchema.CallToolResult>> stuck = new ArrayList<>();
            for (int i = 0; i < STUCK; i++) {
                stuck.add(mcp.session().callWithProgress("fabric_get_pattern_details", summarize(), "stuck-" + i)
                        .toFuture());
            }
            fabric.awaitRequests(STUCK, STUCK_ROUTE, WAIT); // every stuck call reached Fabric at once

            McpSchema.CallToolResult models = mcp.session().call("fabric_list_models", Map.of());

            assertFalse(Boolean.TRUE.equals(models.isError()), Texts.of(models));
            assertEquals("Ollama: m1", Texts.of(models));
            stuck.forEach(call -> assertFalse(call.isDone()));
        }
    }

    @Test
    void disposingAReadOnlyToolsPipelineClosesItsConnectionToFabric() throws Exception {
        FabricTool details = new CatalogTools(client()).patternDetails();
        Disposable call = details.call(new ToolCall("fabric_get_pattern_details", summarize(), Map.of(),
                CallChannel.of(progress -> Mono.empty(), entry -> Mono.empty()), null, null)).subscribe();
        fabric.awaitRequest(STUCK_ROUTE, WAIT); // the call reached Fabric

        call.dispose();

        fabric.awaitAbandoned(STUCK_ROUTE, WAIT); // Fabric saw the connection close
    }

    @Test
    void cancellingAStuckReadOnlyCallClosesItsConnectionToFabric() throws Exception {
        try (McpHarness mcp = McpHarness.start(client())) {
            CompletableFuture<McpSchema.CallToolResult> stuck =
                    mcp.session().callWithProgress("fabric_get_pattern_details", summarize(), "stuck").toFuture();
            fabric.awaitRequest(STUCK_ROUTE, WAIT); // the call reached Fabric

            mcp.session().cancelToolCall(0);

            fabric.awaitAbandoned(STUCK_ROUTE, WAIT); // Fabric saw the connection close
            McpSchema.CallToolResult models = mcp.session().call("fabric_list_models", Map.of());
            assertFalse(Boolean.TRUE.equals(models.isError()), Texts.of(models));
            assertFalse(stuck.isDone(), "a call its client cancelled gets no response");
            assertEquals(1, fabric.abandoned().size(), "only the cancelled call's connection closed");
        }
    }
}
