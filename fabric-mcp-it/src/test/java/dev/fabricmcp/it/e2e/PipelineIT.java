package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.core.testing.McpSession;
import dev.fabricmcp.emulator.ChatOutcome;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;

/** fabric_run_pipeline through the real process: chaining, streaming per step, failure and cancellation. */
class PipelineIT {

    private static final List<Map<String, Object>> THREE_STEPS = List.of(Map.of("pattern_name", "extract_wisdom"),
            Map.of("pattern_name", "summarize"), Map.of("pattern_name", "translate", "variables",
                    Map.of("lang_code", "fr")));

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().wordDelay(Duration.ofMillis(1)).build().start();

    /** fabric-mcp over {@code transport}, with Fabric answering the first two steps' patterns with these scripts. */
    private Transport.Connection connect(Transport transport, ChatScript extractWisdom, ChatScript summarize) {
        fabric.script("extract_wisdom", extractWisdom);
        fabric.script("summarize", summarize);
        return transport.connect(fabric.uri().toString());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void feedsEachStepsOutputToTheNextAndReturnsThemAll(Transport transport) {
        ChatScript ideas = ChatScript.answer("IDEAS: ", "ship small");
        try (Transport.Connection mcp = connect(transport, ideas, ChatScript.answer("Ship small."))) {
            McpSchema.CallToolResult result = mcp.session().call("fabric_run_pipeline",
                    Map.of("steps", THREE_STEPS, "input_text", "A long talk about releases"));
            assertEquals(false, Boolean.TRUE.equals(result.isError()), () -> Texts.of(result));
            List<RecordedChat> chats = fabric.chats();
            // Each answer ends with the "\n" Fabric sends after the model's text.
            assertEquals(List.of("A long talk about releases", "IDEAS: ship small\n", "Ship small.\n"),
                    chats.stream().map(c -> c.parsedRequest().orElseThrow().prompts().get(0).userInput()).toList());
            Map<?, ?> structured = (Map<?, ?>) result.structuredContent();
            List<?> steps = (List<?>) structured.get("steps");
            assertEquals(3, steps.size());
            assertEquals(Map.of("step", 2, "pattern_name", "summarize", "status", "done", "output_text", "Ship small.\n"),
                    normalised((Map<?, ?>) steps.get(1)));
            assertEquals(Texts.of(result), structured.get("final_output"));
            assertTrue(Texts.of(result).startsWith("Pattern translate applied to: Ship small."), Texts.of(result));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamsEveryStepSayingWhichStepEachChunkBelongsTo(Transport transport) {
        try (Transport.Connection mcp = connect(transport, ChatScript.answer("one ", "two"),
                ChatScript.answer("three"))) {
            McpSchema.CallToolResult result = mcp.session().callWithProgress("fabric_run_pipeline",
                    Map.of("steps", THREE_STEPS.subList(0, 2), "input_text", "x", "stream", true), "pipe-1")
                    .block(Duration.ofSeconds(60));
            assertEquals("three\n", Texts.of(result));
            List<String> messages = mcp.session().drainProgress().stream()
                    .map(a -> a.notification().message()).toList();
            assertEquals(List.of("step 1/2 (extract_wisdom): started", "step 1/2 (extract_wisdom): one ",
                    "step 1/2 (extract_wisdom): two", "step 2/2 (summarize): started", "step 2/2 (summarize): three"),
                    messages.stream().filter(m -> !m.contains("tokens:") && !m.endsWith(": \n")).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keepsWhatEarlierStepsProducedWhenAStepFails(Transport transport) {
        try (Transport.Connection mcp = connect(transport, ChatScript.answer("wise words"),
                ChatScript.errorAfter("the upstream API timed out", "Half a sum"))) {
            McpSchema.CallToolResult result = mcp.session().call("fabric_run_pipeline",
                    Map.of("steps", THREE_STEPS, "input_text", "talk"));
            assertEquals(true, result.isError());
            List<String> texts = result.content().stream().map(c -> ((McpSchema.TextContent) c).text()).toList();
            assertEquals("Step 2 of 3 (summarize) failed: Fabric reported an error: Error: the upstream API timed out.",
                    texts.get(0));
            assertEquals("[output of step 1 (extract_wisdom)]\nwise words\n", texts.get(1));
            assertEquals("[partial output of step 2 (summarize): the 10 characters Fabric sent before it stopped]\n"
                    + "Half a sum", texts.get(2));
            Map<?, ?> structured = (Map<?, ?>) result.structuredContent();
            assertEquals(2, ((Number) structured.get("failed_step")).intValue());
            assertEquals("not run", ((Map<?, ?>) ((List<?>) structured.get("steps")).get(2)).get("status"));
            assertEquals(2, fabric.chats().size(), "step 3 never started");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cancellingStopsTheRunningStepAndStartsNoOther(Transport transport) throws Exception {
        try (Transport.Connection mcp = connect(transport, ChatScript.answer("done quickly"),
                ChatScript.slowStream(10_000, Duration.ofMillis(50)))) {
            McpSession session = mcp.session();
            Disposable call = session.callWithProgress("fabric_run_pipeline",
                    Map.of("steps", THREE_STEPS, "input_text", "talk", "stream", true), "pipe-2").subscribe();
            try {
                RecordedChat second = fabric.awaitChat(c -> c.parsedRequest().map(r ->
                        r.prompts().get(0).patternName().equals("summarize")).orElse(false), Duration.ofSeconds(20));
                while (!session.nextProgress(Duration.ofSeconds(10)).notification().message()
                        .startsWith("step 2/3 (summarize): chunk")) {
                    // step 1's chunks and step 2's start: read on until step 2 streams
                }
                session.cancelToolCall(0);
                second.clientGone().get(5, TimeUnit.SECONDS);
                assertEquals(ChatOutcome.CLIENT_GONE, second.finished().get(5, TimeUnit.SECONDS));
                // A request answered after the cancel shows the server went on; no third step was started.
                session.client().listTools().block(Duration.ofSeconds(10));
                assertEquals(2, fabric.chats().size());
            } finally {
                call.dispose();
            }
        }
    }

    private static Map<String, Object> normalised(Map<?, ?> step) {
        return Map.of("step", ((Number) step.get("step")).intValue(), "pattern_name", step.get("pattern_name"),
                "status", step.get("status"), "output_text", step.get("output_text"));
    }
}
