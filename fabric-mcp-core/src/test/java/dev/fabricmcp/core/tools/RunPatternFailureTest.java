package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a run can fail gives an isError result that says what happened and keeps what had arrived: Fabric's
 * failures come from the emulator, through the real client.
 */
class RunPatternFailureTest {

    private static final String KEY = "the-key";

    private final FabricEmulator fabric = FabricEmulator.builder().apiKey(KEY).build().start();
    @AutoClose
    private final McpHarness mcp = McpHarness.over(fabric, client -> client.apiKey(KEY));

    private CompletableFuture<McpSchema.CallToolResult> run(boolean stream) {
        return run("summarize", stream);
    }

    private CompletableFuture<McpSchema.CallToolResult> run(String pattern, boolean stream) {
        return mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", pattern, "input_text", "x", "stream", stream), "f").toFuture();
    }

    @Nested
    class InTheMiddleOfTheStream {

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void anErrorEventKeepsThePartialOutput(boolean stream) {
            fabric.script("summarize", ChatScript.builder().content("The first half")
                    .errorText("Error: POST \"http://llm/chat/completions\": 500 Internal Server Error").build());
            McpSchema.CallToolResult failed = run(stream).join();
            assertTrue(failed.isError());
            String text = Texts.of(failed);
            assertTrue(text.contains("Fabric reported an error: Error: POST"), text);
            assertTrue(text.contains("[partial output"), text);
            assertTrue(text.contains("The first half"), text);
        }

        /** A dropped connection, a malformed chunk, a stream without 'complete': what the result must say. */
        static Stream<Arguments> brokenStreams() {
            return Stream.of(
                    Arguments.of(ChatScript.cutAfter("partial "), true,
                            List.of("was lost in the middle of the stream", "fabric --serve", "partial ")),
                    Arguments.of(ChatScript.malformedEventAfter("ok "), true, List.of("{\"type\":\"content\",", "ok ")),
                    Arguments.of(ChatScript.withoutComplete("most of it"), false,
                            List.of("without Fabric's 'complete' event", "most of it")));
        }

        @ParameterizedTest
        @MethodSource("brokenStreams")
        void aBrokenStreamSaysHowAndKeepsThePartialOutput(ChatScript script, boolean stream, List<String> said) {
            fabric.script("summarize", script);
            McpSchema.CallToolResult failed = run(stream).join();
            assertTrue(failed.isError());
            String text = Texts.of(failed);
            said.forEach(part -> assertTrue(text.contains(part), text));
        }

        @Test
        void aSilentFabricTimesOutWithAHintAboutTheTimeout() {
            fabric.script("summarize", ChatScript.silence());
            // Only this test waits for the idle timeout: elsewhere a short one could beat Fabric's own event on a
            // busy machine.
            String text;
            try (McpHarness impatient = McpHarness.over(fabric,
                    client -> client.apiKey(KEY).streamIdleTimeout(Duration.ofMillis(300)))) {
                text = Texts.of(impatient.session().callWithProgress("fabric_run_pattern",
                        Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "f").block());
            }
            assertTrue(text.contains("sent nothing for 300 ms"), text);
            assertTrue(text.contains("--fabric-timeout"), text);
        }
    }

    @Test
    void anUnknownPatternPointsToTheListOfPatterns() {
        McpSchema.CallToolResult failed = run("nope", true).join();
        assertTrue(failed.isError());
        assertTrue(Texts.of(failed).contains("fabric_list_patterns"), Texts.of(failed));
    }

    @Test
    void anUnreachableFabricSaysWhereAndHowToStartIt() {
        URI gone = fabric.uri("/chat");
        fabric.close(); // nothing listens there any more
        String text = Texts.of(run(true).join());
        assertTrue(text.contains(gone.toString()), text);
        assertTrue(text.contains("fabric --serve"), text);
    }

    /** A wrong key is named as Fabric words it; a missing one as "sent none". Both name the variable to set. */
    @ParameterizedTest
    @CsvSource({"not-the-key, Wrong API Key", "'', sent none"})
    void anApiKeyProblemSaysWhichVariableSetsIt(String clientKey, String expected) {
        try (McpHarness keyless = McpHarness.start(FabricClient.builder().baseUri(fabric.uri())
                .apiKey(clientKey).build())) {
            String text = Texts.of(keyless.session().callWithProgress("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x", "stream", false), "f").block());
            assertTrue(text.contains(expected), text);
            assertTrue(text.contains("FABRIC_API_KEY"), text);
        }
    }

    @Nested
    class BadArguments {

        private String failureOf(Map<String, Object> arguments) {
            McpSchema.CallToolResult result = mcp.session().call("fabric_run_pattern", arguments);
            assertTrue(result.isError(), "expected an error for " + arguments);
            assertEquals(List.of(), fabric.chats(), "nothing reached Fabric");
            return Texts.of(result);
        }

        private Map<String, Object> with(String name, Object value) {
            Map<String, Object> arguments = new HashMap<>(Map.of("pattern_name", "summarize"));
            arguments.put(name, value);
            return arguments;
        }

        @Test
        void namesTheParameterTheValueAndTheRange() {
            assertEquals("temperature must be a number from 0 to 2 (inclusive), got 2.5.",
                    failureOf(with("temperature", 2.5)));
            assertEquals("top_p must be a number from 0 to 1 (inclusive), got -0.1.", failureOf(with("top_p", -0.1)));
            assertEquals("presence_penalty must be a number from -2 to 2 (inclusive), got 3.",
                    failureOf(with("presence_penalty", 3)));
            assertEquals("frequency_penalty must be a number from -2 to 2, got the string \"high\".",
                    failureOf(with("frequency_penalty", "high")));
        }

        @Test
        void refusesBlankNamesAndUnknownArguments() {
            assertEquals("pattern_name must not be blank, got \"  \".", failureOf(Map.of("pattern_name", "  ")));
            assertEquals("model_name must not be blank, got \"\".", failureOf(with("model_name", "")));
            String unknown = failureOf(with("temprature", 1));
            assertTrue(unknown.startsWith("Unknown argument 'temprature' for fabric_run_pattern."), unknown);
            assertTrue(unknown.contains("temperature"), unknown);
            assertTrue(failureOf(Map.of()).startsWith("pattern_name is required"));
        }

        @Test
        void requiresVariablesToMapNamesToStrings() {
            assertEquals("variables.lang_code must be a string, got the number 3.",
                    failureOf(with("variables", Map.of("lang_code", 3))));
            assertTrue(failureOf(with("variables", "lang_code=fr")).startsWith("variables must be an object"));
        }

        @Test
        void acceptsTheBoundsThemselves() {
            Map<String, Object> arguments = new HashMap<>(Map.of("pattern_name", "summarize", "temperature", 2,
                    "top_p", 0, "presence_penalty", -2, "frequency_penalty", 2.0));
            assertEquals(Boolean.FALSE, mcp.session().call("fabric_run_pattern", arguments).isError());
        }
    }
}
