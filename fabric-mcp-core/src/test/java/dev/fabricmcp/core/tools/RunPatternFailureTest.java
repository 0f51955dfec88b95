package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.fabricmcp.client.FabricAuthenticationException;
import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.client.FabricStreamException;
import dev.fabricmcp.client.FabricUnreachableException;
import dev.fabricmcp.core.testing.ScriptedFabric;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way a run can fail gives an isError result that says what happened and keeps what had arrived. */
class RunPatternFailureTest {

    private static final URI CHAT = URI.create("http://127.0.0.1:8080/chat");

    @RegisterExtension
    final ScriptedFabric fabric = new ScriptedFabric();

    private CompletableFuture<McpSchema.CallToolResult> run(boolean stream) {
        return fabric.mcp().session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x", "stream", stream), "f").toFuture();
    }

    private static FabricStreamException streamFailure(FabricStreamException.Reason reason, String detail) {
        FabricChunk chunk = reason == FabricStreamException.Reason.ERROR_EVENT
                ? new FabricChunk(FabricChunk.Type.ERROR, "plain", detail, null) : null;
        return new FabricStreamException(CHAT, reason, detail, chunk, null);
    }

    @Nested
    class InTheMiddleOfTheStream {

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void anErrorEventKeepsThePartialOutput(boolean stream) {
            CompletableFuture<McpSchema.CallToolResult> result = run(stream);
            fabric.chunks().content("The first half");
            fabric.chunks().fail(streamFailure(FabricStreamException.Reason.ERROR_EVENT,
                    "Error: POST \"http://llm/chat/completions\": 500 Internal Server Error"));
            McpSchema.CallToolResult failed = result.join();
            assertTrue(failed.isError());
            String text = Texts.of(failed);
            assertTrue(text.contains("Fabric reported an error: Error: POST"), text);
            assertTrue(text.contains("[partial output"), text);
            assertTrue(text.contains("The first half"), text);
        }

        @Test
        void aDroppedConnectionSaysSoAndKeepsThePartialOutput() {
            CompletableFuture<McpSchema.CallToolResult> result = run(true);
            fabric.chunks().content("partial ");
            fabric.chunks().fail(streamFailure(FabricStreamException.Reason.DISCONNECTED, "IOException (connection reset)"));
            String text = Texts.of(result.join());
            assertTrue(text.contains("was lost in the middle of the stream"), text);
            assertTrue(text.contains("fabric --serve"), text);
            assertTrue(text.contains("partial "), text);
        }

        @Test
        void aMalformedChunkStopsTheRun() {
            CompletableFuture<McpSchema.CallToolResult> result = run(true);
            fabric.chunks().content("ok ");
            fabric.chunks().fail(streamFailure(FabricStreamException.Reason.MALFORMED_EVENT,
                    "not JSON: data: {\"type\":\"content\","));
            McpSchema.CallToolResult failed = result.join();
            assertTrue(failed.isError());
            assertTrue(Texts.of(failed).contains("{\"type\":\"content\","), Texts.of(failed));
            assertTrue(Texts.of(failed).contains("ok "));
        }

        @Test
        void aStreamWithoutCompleteIsReportedAsCutShort() {
            CompletableFuture<McpSchema.CallToolResult> result = run(false);
            fabric.chunks().content("most of it");
            fabric.chunks().fail(streamFailure(FabricStreamException.Reason.INCOMPLETE, ""));
            String text = Texts.of(result.join());
            assertTrue(text.contains("without Fabric's 'complete' event"), text);
            assertTrue(text.contains("most of it"), text);
        }

        @Test
        void aSilentFabricTimesOutWithAHintAboutTheTimeout() {
            CompletableFuture<McpSchema.CallToolResult> result = run(true);
            fabric.chunks().fail(streamFailure(FabricStreamException.Reason.IDLE_TIMEOUT, "10 minutes"));
            String text = Texts.of(result.join());
            assertTrue(text.contains("sent nothing for 10 minutes"), text);
            assertTrue(text.contains("--fabric-timeout"), text);
        }
    }

    @Test
    void anUnknownPatternPointsToTheListOfPatterns() {
        CompletableFuture<McpSchema.CallToolResult> result = run(true);
        fabric.chunks().fail(streamFailure(FabricStreamException.Reason.ERROR_EVENT, "Error: could not get pattern nope: "
                + "pattern 'nope' not found. Run 'fabric -l' to see available patterns"));
        McpSchema.CallToolResult failed = result.join();
        assertTrue(failed.isError());
        assertTrue(Texts.of(failed).contains("fabric_list_patterns"), Texts.of(failed));
    }

    @Test
    void anUnreachableFabricSaysWhereAndHowToStartIt() {
        fabric.chunks().fail(new FabricUnreachableException(CHAT, new ConnectException("Connection refused")));
        String text = Texts.of(run(true).join());
        assertTrue(text.contains("http://127.0.0.1:8080/chat"), text);
        assertTrue(text.contains("fabric --serve"), text);
    }

    /** A wrong key is named as Fabric words it; a missing one as "sent none". Both name the variable to set. */
    @ParameterizedTest
    @CsvSource({"WRONG_KEY, Wrong API Key, Wrong API Key", "MISSING_KEY, Missing API Key, sent none"})
    void anApiKeyProblemSaysWhichVariableSetsIt(FabricAuthenticationException.Reason reason, String fabricSays,
                                                 String expected) {
        fabric.chunks().fail(new FabricAuthenticationException(CHAT, reason, fabricSays));
        String text = Texts.of(run(false).join());
        assertTrue(text.contains(expected), text);
        assertTrue(text.contains("FABRIC_API_KEY"), text);
    }

    @Nested
    class BadArguments {

        private String failureOf(Map<String, Object> arguments) {
            McpSchema.CallToolResult result = fabric.mcp().session().call("fabric_run_pattern", arguments);
            assertTrue(result.isError(), "expected an error for " + arguments);
            verify(fabric.client(), never()).chat(any());
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
            fabric.chunks().complete();
            Map<String, Object> arguments = new HashMap<>(Map.of("pattern_name", "summarize", "temperature", 2,
                    "top_p", 0, "presence_penalty", -2, "frequency_penalty", 2.0));
            assertEquals(Boolean.FALSE, fabric.mcp().session().call("fabric_run_pattern", arguments).isError());
        }
    }
}
