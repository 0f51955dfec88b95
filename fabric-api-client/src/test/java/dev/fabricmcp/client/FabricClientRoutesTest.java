package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.json;
import static dev.fabricmcp.client.EmulatedFabric.only;
import static dev.fabricmcp.client.EmulatedFabric.requests;
import static dev.fabricmcp.client.EmulatedFabric.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each of Fabric's routes, answered with the shapes a real {@code fabric --serve} sends. */
class FabricClientRoutesTest {

    @RegisterExtension
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();
    private final FabricClient client = stub.newClient();

    /** The request's body is this JSON, compared as JSON (key order aside). */
    private static void assertJson(String expected, RecordedRequest request) {
        assertEquals(JsonParser.parseString(expected), JsonParser.parseString(request.bodyText()), request::bodyText);
    }

    @Nested
    class Patterns {

        @Test
        void listsPatternNamesInFabricsOrder() {
            fabric.answer("GET", "/patterns/names", json("[\"agility_story\",\"ai\",\"summarize\"]"));

            assertEquals(List.of("agility_story", "ai", "summarize"), client.listPatternNames());
        }

        @Test
        void listsNoPatternNamesWhenFabricHasNone() {
            fabric.answer("GET", "/patterns/names", json("[]"));

            assertEquals(List.of(), client.listPatternNames());
        }

        @Test
        void readsAPatternFromFabricsCapitalisedKeys() {
            fabric.answer("GET", "/patterns/summarize", json(
                    "{\"Name\":\"summarize\",\"Description\":\"\",\"Pattern\":\"# IDENTITY and PURPOSE\\n{{input}}\"}"));

            Pattern pattern = client.getPattern("summarize");

            assertEquals(new Pattern("summarize", "", "# IDENTITY and PURPOSE\n{{input}}"), pattern);
        }

        @Test
        void appliesAPatternSendingTheInputAndTheVariables() {
            fabric.answer("POST", "/patterns/translate/apply", json(
                    "{\"Name\":\"translate\",\"Description\":\"\",\"Pattern\":\"Translate to fr\\nHello world\"}"));

            Pattern applied = client.applyPattern("translate", "Hello world", Map.of("lang_code", "fr"));

            assertEquals("Translate to fr\nHello world", applied.pattern());
            RecordedRequest sent = only(fabric, "POST", "/patterns/translate/apply");
            assertTrue(sent.header("Content-Type").orElse("").matches("application/json.*"), sent::toString);
            assertJson("{\"input\":\"Hello world\",\"variables\":{\"lang_code\":\"fr\"}}", sent);
        }

        @Test
        void appliesAPatternWithNoVariablesAsAnEmptyObject() {
            fabric.answer("POST", "/patterns/ai/apply", json(
                    "{\"Name\":\"ai\",\"Description\":\"\",\"Pattern\":\"Answer\\nq\"}"));

            client.applyPattern("ai", "q", Map.of());

            assertJson("{\"input\":\"q\",\"variables\":{}}", only(fabric, "POST", "/patterns/ai/apply"));
        }
    }

    @Nested
    class Models {

        @Test
        void listsModelsAndTheModelsOfEachVendor() {
            fabric.answer("GET", "/models/names", json("{\"models\":[\"fake-model\",\"other-model\","
                    + "\"llama3:latest\"],\"vendors\":{\"LiteLLM\":[\"fake-model\",\"other-model\"],"
                    + "\"Ollama\":[\"llama3:latest\"]}}"));

            ModelCatalog catalog = client.listModels();

            assertEquals(List.of("fake-model", "other-model", "llama3:latest"), catalog.models());
            assertEquals(Map.of("LiteLLM", List.of("fake-model", "other-model"), "Ollama", List.of("llama3:latest")),
                    catalog.vendors());
        }

        @Test
        void readsGoNullListsAsEmpty() {
            fabric.answer("GET", "/models/names", json(
                    "{\"models\":null,\"vendors\":{\"LM Studio\":null,\"Ollama\":[]}}"));

            ModelCatalog catalog = client.listModels();

            assertEquals(List.of(), catalog.models());
            assertEquals(Map.of("LM Studio", List.of(), "Ollama", List.of()), catalog.vendors());
        }

        @Test
        void readsMissingOrNullVendorsAsNoVendors() {
            fabric.answer("GET", "/models/names", json("{\"models\":[\"m\"],\"vendors\":null}"));

            assertEquals(Map.of(), client.listModels().vendors());
        }
    }

    @Nested
    class Strategies {

        @Test
        void listsStrategiesWithTheirLowercaseKeys() {
            fabric.answer("GET", "/strategies", json("[{\"name\":\"aot\",\"description\":"
                    + "\"Atom-of-Thought (AoT) Prompting\",\"prompt\":\"...\"},{\"name\":\"cot\",\"description\":"
                    + "\"Chain-of-Thought (CoT) Prompting\",\"prompt\":\"Think step by step.\"}]"));

            assertEquals(List.of(new Strategy("aot", "Atom-of-Thought (AoT) Prompting", "..."),
                    new Strategy("cot", "Chain-of-Thought (CoT) Prompting", "Think step by step.")),
                    client.listStrategies());
        }

        @Test
        void readsNullAsNoStrategies() {
            fabric.answer("GET", "/strategies", json("null"));

            assertEquals(List.of(), client.listStrategies());
        }

        @Test
        void readsAStrategyWithoutPromptAsAnEmptyPrompt() {
            // StrategyMeta gained "prompt" in 2025-04; older Fabric does not send it.
            fabric.answer("GET", "/strategies", json("[{\"name\":\"cot\",\"description\":\"CoT\"}]"));

            assertEquals(List.of(new Strategy("cot", "CoT", "")), client.listStrategies());
        }
    }

    @Nested
    class Configuration {

        @Test
        void readsTheMaskedConfigurationAsItIs() {
            fabric.answer("GET", "/config", json("{\"anthropic\":\"\",\"deepseek\":\"\",\"gemini\":\"\","
                    + "\"grokai\":\"\",\"groq\":\"\",\"lmstudio\":\"\",\"mistral\":\"\",\"ollama\":\"\","
                    + "\"openai\":\"****************************abcd\",\"openrouter\":\"\",\"silicon\":\"\"}"));

            Map<String, String> config = client.getConfiguration();

            assertEquals(11, config.size());
            assertEquals("****************************abcd", config.get("openai"));
            assertEquals("", config.get("ollama"));
        }
    }

    @Nested
    class Contexts {

        @Test
        void listsContextNames() {
            fabric.answer("GET", "/contexts/names", json("[\"c1\",\"c2\"]"));

            assertEquals(List.of("c1", "c2"), client.listContextNames());
        }

        @Test
        void readsNullAsNoContexts() {
            fabric.answer("GET", "/contexts/names", json("null"));

            assertEquals(List.of(), client.listContextNames());
        }

        @Test
        void readsAContext() {
            fabric.answer("GET", "/contexts/c1", json("{\"Name\":\"c1\",\"Content\":\"file text\"}"));

            assertEquals(new FabricContext("c1", "file text"), client.getContext("c1"));
        }
    }

    @Nested
    class Sessions {

        @Test
        void listsSessionNames() {
            fabric.answer("GET", "/sessions/names", json("[\"s1\"]"));

            assertEquals(List.of("s1"), client.listSessionNames());
        }

        @Test
        void readsNullAsNoSessions() {
            fabric.answer("GET", "/sessions/names", json("null"));

            assertEquals(List.of(), client.listSessionNames());
        }

        @Test
        void readsASessionsMessagesInOrder() {
            fabric.answer("GET", "/sessions/s1", json("{\"Name\":\"s1\",\"Messages\":["
                    + "{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"assistant\"}]}"));

            FabricSession session = client.getSession("s1");

            assertEquals(new FabricSession("s1", List.of(new FabricSession.Message("system", "be brief"),
                    new FabricSession.Message("user", "hi"), new FabricSession.Message("assistant", "hello"),
                    new FabricSession.Message("assistant", ""))), session);
        }

        @Test
        void readsASessionFabricDoesNotHaveAsOneWithoutMessages() {
            fabric.answer("GET", "/sessions/new", json("{\"Name\":\"new\",\"Messages\":null}"));

            assertEquals(new FabricSession("new", List.of()), client.getSession("new"));
        }
    }

    @Nested
    class YouTube {

        @Test
        void fetchesATranscriptSendingUrlLanguageAndTimestamps() {
            fabric.answer("POST", "/youtube/transcript", json("{\"transcript\":\"hello there\","
                    + "\"videoId\":\"abc123\",\"title\":\"A talk\",\"description\":\"about things\"}"));

            YouTubeTranscript transcript = client.getYouTubeTranscript("https://www.youtube.com/watch?v=abc123",
                    "de", true);

            assertEquals(new YouTubeTranscript("hello there", "abc123", "A talk", "about things"), transcript);
            assertJson("{\"url\":\"https://www.youtube.com/watch?v=abc123\",\"language\":\"de\",\"timestamps\":true}",
                    only(fabric, "POST", "/youtube/transcript"));
        }

        @Test
        void asksForEnglishWhenNoLanguageIsGiven() {
            fabric.answer("POST", "/youtube/transcript", json("{\"transcript\":\"t\"}"));

            YouTubeTranscript transcript = client.getYouTubeTranscript("https://youtu.be/x", null, false);

            assertEquals(new YouTubeTranscript("t", "", "", ""), transcript);
            assertJson("{\"url\":\"https://youtu.be/x\",\"language\":\"en\",\"timestamps\":false}",
                    only(fabric, "POST", "/youtube/transcript"));
        }
    }

    @Nested
    class ChatRequestBody {

        private JsonObject sentChat(ChatRequest request) {
            fabric.answer("POST", "/chat", stream(COMPLETE));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            client.chat(request).subscribe(subscriber);
            subscriber.awaitCompletion();
            RecordedRequest sent = only(fabric, "POST", "/chat");
            assertTrue(sent.header("Content-Type").orElse("").startsWith("application/json"));
            return JsonParser.parseString(sent.bodyText()).getAsJsonObject();
        }

        @Test
        void sendsEveryPromptFieldUnderFabricsJsonKeys() {
            ChatRequest request = ChatRequest.builder().prompt(ChatPrompt.builder()
                    .userInput("Hello").vendor("LiteLLM").model("fake-model").contextName("ctx")
                    .patternName("summarize").strategyName("cot").sessionName("s1")
                    .variables(Map.of("lang_code", "fr")).build()).build();

            JsonObject body = sentChat(request);

            JsonObject prompt = body.getAsJsonArray("prompts").get(0).getAsJsonObject();
            assertEquals(JsonParser.parseString("{\"userInput\":\"Hello\",\"vendor\":\"LiteLLM\","
                    + "\"model\":\"fake-model\",\"contextName\":\"ctx\",\"patternName\":\"summarize\","
                    + "\"strategyName\":\"cot\",\"sessionName\":\"s1\",\"variables\":{\"lang_code\":\"fr\"}}"), prompt);
        }

        @Test
        void sendsEveryOptionUnderFabricsJsonKeysWithThinkingAsAString() {
            ChatRequest request = ChatRequest.builder().prompt(ChatPrompt.builder().userInput("hi").build())
                    .language("fr").temperature(0.7).topP(0.9).frequencyPenalty(0.1).presencePenalty(0.2)
                    .thinking("2048").search(true).modelContextLength(8192).build();

            JsonObject body = sentChat(request);

            assertEquals(Set.of("prompts", "language", "temperature", "topP", "frequencyPenalty", "presencePenalty",
                    "thinking", "search", "modelContextLength"), body.keySet());
            assertEquals("fr", body.get("language").getAsString());
            assertEquals(0.7, body.get("temperature").getAsDouble());
            assertEquals(0.9, body.get("topP").getAsDouble());
            assertEquals(0.1, body.get("frequencyPenalty").getAsDouble());
            assertEquals(0.2, body.get("presencePenalty").getAsDouble());
            assertTrue(body.get("thinking").getAsJsonPrimitive().isString(), "Fabric answers 400 to a number");
            assertEquals("2048", body.get("thinking").getAsString());
            assertTrue(body.get("search").getAsBoolean());
            assertEquals(8192, body.get("modelContextLength").getAsInt());
        }

        @Test
        void sendsTheFabricCommandsSamplingDefaultsAndNoOtherOptionThatWasNotSet() {
            JsonObject body = sentChat(ChatRequest.ofPattern("summarize", "text"));

            assertEquals(Set.of("prompts", "temperature", "topP"), body.keySet());
            assertEquals(ChatRequest.DEFAULT_TEMPERATURE, body.get("temperature").getAsDouble());
            assertEquals(0.7, ChatRequest.DEFAULT_TEMPERATURE, "the fabric command's default temperature");
            assertEquals(ChatRequest.DEFAULT_TOP_P, body.get("topP").getAsDouble());
            assertEquals(0.9, ChatRequest.DEFAULT_TOP_P, "the fabric command's default top_p");
            JsonObject prompt = body.getAsJsonArray("prompts").get(0).getAsJsonObject();
            assertEquals("summarize", prompt.get("patternName").getAsString());
            assertEquals("text", prompt.get("userInput").getAsString());
            assertFalse(prompt.has("variables"), "Fabric's variables are omitempty");
        }

        @Test
        void sendsThePromptsInOrder() {
            ChatRequest request = ChatRequest.builder()
                    .prompt(ChatPrompt.builder().patternName("first").build())
                    .prompt(ChatPrompt.builder().patternName("second").build()).build();

            JsonArray prompts = sentChat(request).getAsJsonArray("prompts");

            assertEquals(2, prompts.size());
            assertEquals("first", prompts.get(0).getAsJsonObject().get("patternName").getAsString());
            assertEquals("second", prompts.get(1).getAsJsonObject().get("patternName").getAsString());
        }

        @Test
        void sendsTextWithoutHtmlEscaping() {
            JsonObject body = sentChat(ChatRequest.ofPattern("p", "a <b> & \"c\" é 🎉"));

            assertEquals("a <b> & \"c\" é 🎉",
                    body.getAsJsonArray("prompts").get(0).getAsJsonObject().get("userInput").getAsString());
            assertTrue(only(fabric, "POST", "/chat").bodyText().contains("a <b> &"),
                    "the body is sent as plain UTF-8 JSON");
        }
    }

    @Nested
    class Headers {

        @Test
        void sendsTheApiKeyWhenOneIsSet() {
            fabric.answer("GET", "/patterns/names", json("[]"));

            EmulatedFabric.clientOf(fabric).apiKey("s3cret").build().listPatternNames();

            assertEquals(Optional.of("s3cret"), only(fabric, "GET", "/patterns/names").header("X-API-Key"));
        }

        @Test
        void sendsNoApiKeyHeaderWhenNoneIsSet() {
            fabric.answer("GET", "/patterns/names", json("[]"));

            client.listPatternNames();
            EmulatedFabric.clientOf(fabric).apiKey("  ").build().listPatternNames();

            List<RecordedRequest> sent = requests(fabric, "GET", "/patterns/names");
            assertEquals(2, sent.size());
            sent.forEach(request -> assertEquals(Optional.empty(), request.header("X-API-Key")));
        }

        @Test
        void sendsTheApiKeyOnTheChatStreamToo() {
            fabric.answer("POST", "/chat", stream(COMPLETE));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            EmulatedFabric.clientOf(fabric).apiKey("s3cret").build().chat(ChatRequest.ofPattern("p", "x"))
                    .subscribe(subscriber);
            subscriber.awaitCompletion();

            assertEquals(Optional.of("s3cret"), only(fabric, "POST", "/chat").header("X-API-Key"));
        }

        @Test
        void identifiesItselfAsFabricMcp() {
            fabric.answer("GET", "/strategies", json("null"));
            fabric.answer("POST", "/chat", stream(COMPLETE));

            client.listStrategies();
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            client.chat(ChatRequest.ofPattern("p", "x")).subscribe(subscriber);
            subscriber.awaitCompletion();

            for (RecordedRequest sent : List.of(only(fabric, "GET", "/strategies"), only(fabric, "POST", "/chat"))) {
                String agent = sent.header("User-Agent").orElse("");
                assertTrue(agent.matches("fabric-mcp/\\d+\\.\\d+\\S* .*"), agent);
            }
        }
    }
}
