package dev.fabricmcp.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.fabricmcp.client.FabricStubs.COMPLETE;
import static dev.fabricmcp.client.FabricStubs.json;
import static dev.fabricmcp.client.FabricStubs.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each of Fabric's routes, answered with the shapes a real {@code fabric --serve} sends. */
class FabricClientRoutesTest {

    @RegisterExtension
    static final WireMockFabric stub = new WireMockFabric();
    private static final WireMockServer fabric = stub.server();
    private final FabricClient client = stub.newClient();

    @Nested
    class Patterns {

        @Test
        void listsPatternNamesInFabricsOrder() {
            fabric.stubFor(get("/patterns/names").willReturn(json("[\"agility_story\",\"ai\",\"summarize\"]")));

            assertEquals(List.of("agility_story", "ai", "summarize"), client.listPatternNames());
        }

        @Test
        void listsNoPatternNamesWhenFabricHasNone() {
            fabric.stubFor(get("/patterns/names").willReturn(json("[]")));

            assertEquals(List.of(), client.listPatternNames());
        }

        @Test
        void readsAPatternFromFabricsCapitalisedKeys() {
            fabric.stubFor(get("/patterns/summarize").willReturn(json(
                    "{\"Name\":\"summarize\",\"Description\":\"\",\"Pattern\":\"# IDENTITY and PURPOSE\\n{{input}}\"}")));

            Pattern pattern = client.getPattern("summarize");

            assertEquals(new Pattern("summarize", "", "# IDENTITY and PURPOSE\n{{input}}"), pattern);
        }

        @Test
        void appliesAPatternSendingTheInputAndTheVariables() {
            fabric.stubFor(post("/patterns/translate/apply").willReturn(json(
                    "{\"Name\":\"translate\",\"Description\":\"\",\"Pattern\":\"Translate to fr\\nHello world\"}")));

            Pattern applied = client.applyPattern("translate", "Hello world", Map.of("lang_code", "fr"));

            assertEquals("Translate to fr\nHello world", applied.pattern());
            fabric.verify(postRequestedFor(urlEqualTo("/patterns/translate/apply"))
                    .withHeader("Content-Type", matching("application/json.*"))
                    .withRequestBody(equalToJson("{\"input\":\"Hello world\",\"variables\":{\"lang_code\":\"fr\"}}")));
        }

        @Test
        void appliesAPatternWithNoVariablesAsAnEmptyObject() {
            fabric.stubFor(post("/patterns/ai/apply").willReturn(json(
                    "{\"Name\":\"ai\",\"Description\":\"\",\"Pattern\":\"Answer\\nq\"}")));

            client.applyPattern("ai", "q", Map.of());

            fabric.verify(postRequestedFor(urlEqualTo("/patterns/ai/apply"))
                    .withRequestBody(equalToJson("{\"input\":\"q\",\"variables\":{}}")));
        }
    }

    @Nested
    class Models {

        @Test
        void listsModelsAndTheModelsOfEachVendor() {
            fabric.stubFor(get("/models/names").willReturn(json("{\"models\":[\"fake-model\",\"other-model\","
                    + "\"llama3:latest\"],\"vendors\":{\"LiteLLM\":[\"fake-model\",\"other-model\"],"
                    + "\"Ollama\":[\"llama3:latest\"]}}")));

            ModelCatalog catalog = client.listModels();

            assertEquals(List.of("fake-model", "other-model", "llama3:latest"), catalog.models());
            assertEquals(Map.of("LiteLLM", List.of("fake-model", "other-model"), "Ollama", List.of("llama3:latest")),
                    catalog.vendors());
        }

        @Test
        void readsGoNullListsAsEmpty() {
            fabric.stubFor(get("/models/names").willReturn(json(
                    "{\"models\":null,\"vendors\":{\"LM Studio\":null,\"Ollama\":[]}}")));

            ModelCatalog catalog = client.listModels();

            assertEquals(List.of(), catalog.models());
            assertEquals(Map.of("LM Studio", List.of(), "Ollama", List.of()), catalog.vendors());
        }

        @Test
        void readsMissingOrNullVendorsAsNoVendors() {
            fabric.stubFor(get("/models/names").willReturn(json("{\"models\":[\"m\"],\"vendors\":null}")));

            assertEquals(Map.of(), client.listModels().vendors());
        }
    }

    @Nested
    class Strategies {

        @Test
        void listsStrategiesWithTheirLowercaseKeys() {
            fabric.stubFor(get("/strategies").willReturn(json("[{\"name\":\"aot\",\"description\":"
                    + "\"Atom-of-Thought (AoT) Prompting\",\"prompt\":\"...\"},{\"name\":\"cot\",\"description\":"
                    + "\"Chain-of-Thought (CoT) Prompting\",\"prompt\":\"Think step by step.\"}]")));

            assertEquals(List.of(new Strategy("aot", "Atom-of-Thought (AoT) Prompting", "..."),
                    new Strategy("cot", "Chain-of-Thought (CoT) Prompting", "Think step by step.")),
                    client.listStrategies());
        }

        @Test
        void readsNullAsNoStrategies() {
            fabric.stubFor(get("/strategies").willReturn(json("null")));

            assertEquals(List.of(), client.listStrategies());
        }

        @Test
        void readsAStrategyWithoutPromptAsAnEmptyPrompt() {
            // StrategyMeta gained "prompt" in 2025-04; older Fabric does not send it.
            fabric.stubFor(get("/strategies").willReturn(json("[{\"name\":\"cot\",\"description\":\"CoT\"}]")));

            assertEquals(List.of(new Strategy("cot", "CoT", "")), client.listStrategies());
        }
    }

    @Nested
    class Configuration {

        @Test
        void readsTheMaskedConfigurationAsItIs() {
            fabric.stubFor(get("/config").willReturn(json("{\"anthropic\":\"\",\"deepseek\":\"\",\"gemini\":\"\","
                    + "\"grokai\":\"\",\"groq\":\"\",\"lmstudio\":\"\",\"mistral\":\"\",\"ollama\":\"\","
                    + "\"openai\":\"****************************abcd\",\"openrouter\":\"\",\"silicon\":\"\"}")));

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
            fabric.stubFor(get("/contexts/names").willReturn(json("[\"c1\",\"c2\"]")));

            assertEquals(List.of("c1", "c2"), client.listContextNames());
        }

        @Test
        void readsNullAsNoContexts() {
            fabric.stubFor(get("/contexts/names").willReturn(json("null")));

            assertEquals(List.of(), client.listContextNames());
        }

        @Test
        void readsAContext() {
            fabric.stubFor(get("/contexts/c1").willReturn(json("{\"Name\":\"c1\",\"Content\":\"file text\"}")));

            assertEquals(new FabricContext("c1", "file text"), client.getContext("c1"));
        }
    }

    @Nested
    class Sessions {

        @Test
        void listsSessionNames() {
            fabric.stubFor(get("/sessions/names").willReturn(json("[\"s1\"]")));

            assertEquals(List.of("s1"), client.listSessionNames());
        }

        @Test
        void readsNullAsNoSessions() {
            fabric.stubFor(get("/sessions/names").willReturn(json("null")));

            assertEquals(List.of(), client.listSessionNames());
        }

        @Test
        void readsASessionsMessagesInOrder() {
            fabric.stubFor(get("/sessions/s1").willReturn(json("{\"Name\":\"s1\",\"Messages\":["
                    + "{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"assistant\"}]}")));

            FabricSession session = client.getSession("s1");

            assertEquals(new FabricSession("s1", List.of(new FabricSession.Message("system", "be brief"),
                    new FabricSession.Message("user", "hi"), new FabricSession.Message("assistant", "hello"),
                    new FabricSession.Message("assistant", ""))), session);
        }

        @Test
        void readsASessionFabricDoesNotHaveAsOneWithoutMessages() {
            fabric.stubFor(get("/sessions/new").willReturn(json("{\"Name\":\"new\",\"Messages\":null}")));

            assertEquals(new FabricSession("new", List.of()), client.getSession("new"));
        }
    }

    @Nested
    class YouTube {

        @Test
        void fetchesATranscriptSendingUrlLanguageAndTimestamps() {
            fabric.stubFor(post("/youtube/transcript").willReturn(json("{\"transcript\":\"hello there\","
                    + "\"videoId\":\"abc123\",\"title\":\"A talk\",\"description\":\"about things\"}")));

            YouTubeTranscript transcript = client.getYouTubeTranscript("https://www.youtube.com/watch?v=abc123",
                    "de", true);

            assertEquals(new YouTubeTranscript("hello there", "abc123", "A talk", "about things"), transcript);
            fabric.verify(postRequestedFor(urlEqualTo("/youtube/transcript")).withRequestBody(equalToJson(
                    "{\"url\":\"https://www.youtube.com/watch?v=abc123\",\"language\":\"de\",\"timestamps\":true}")));
        }

        @Test
        void asksForEnglishWhenNoLanguageIsGiven() {
            fabric.stubFor(post("/youtube/transcript").willReturn(json("{\"transcript\":\"t\"}")));

            YouTubeTranscript transcript = client.getYouTubeTranscript("https://youtu.be/x", null, false);

            assertEquals(new YouTubeTranscript("t", "", "", ""), transcript);
            fabric.verify(postRequestedFor(urlEqualTo("/youtube/transcript")).withRequestBody(equalToJson(
                    "{\"url\":\"https://youtu.be/x\",\"language\":\"en\",\"timestamps\":false}")));
        }
    }

    @Nested
    class ChatRequestBody {

        private JsonObject sentChat(ChatRequest request) {
            fabric.stubFor(post("/chat").willReturn(stream(COMPLETE)));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            client.chat(request).subscribe(subscriber);
            subscriber.awaitCompletion();
            List<LoggedRequest> requests = fabric.findAll(postRequestedFor(urlEqualTo("/chat")));
            assertEquals(1, requests.size());
            assertTrue(requests.get(0).getHeader("Content-Type").startsWith("application/json"));
            return JsonParser.parseString(requests.get(0).getBodyAsString()).getAsJsonObject();
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
            assertTrue(fabric.findAll(postRequestedFor(urlEqualTo("/chat"))).get(0).getBodyAsString()
                    .contains("a <b> &"), "the body is sent as plain UTF-8 JSON");
        }
    }

    @Nested
    class Headers {

        @Test
        void sendsTheApiKeyWhenOneIsSet() {
            fabric.stubFor(get("/patterns/names").willReturn(json("[]")));

            FabricStubs.clientOf(fabric).apiKey("s3cret").build().listPatternNames();

            fabric.verify(getRequestedFor(urlEqualTo("/patterns/names")).withHeader("X-API-Key", equalTo("s3cret")));
        }

        @Test
        void sendsNoApiKeyHeaderWhenNoneIsSet() {
            fabric.stubFor(get("/patterns/names").willReturn(json("[]")));

            client.listPatternNames();
            FabricStubs.clientOf(fabric).apiKey("  ").build().listPatternNames();

            fabric.verify(2, getRequestedFor(urlEqualTo("/patterns/names")).withHeader("X-API-Key", absent()));
        }

        @Test
        void sendsTheApiKeyOnTheChatStreamToo() {
            fabric.stubFor(post("/chat").willReturn(stream(COMPLETE)));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            FabricStubs.clientOf(fabric).apiKey("s3cret").build().chat(ChatRequest.ofPattern("p", "x"))
                    .subscribe(subscriber);
            subscriber.awaitCompletion();

            fabric.verify(postRequestedFor(urlEqualTo("/chat")).withHeader("X-API-Key", equalTo("s3cret")));
        }

        @Test
        void identifiesItselfAsFabricMcp() {
            fabric.stubFor(get("/strategies").willReturn(json("null")));
            fabric.stubFor(post("/chat").willReturn(stream(COMPLETE)));

            client.listStrategies();
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            client.chat(ChatRequest.ofPattern("p", "x")).subscribe(subscriber);
            subscriber.awaitCompletion();

            fabric.verify(getRequestedFor(urlEqualTo("/strategies")).withHeader("User-Agent",
                    matching("fabric-mcp/\\d+\\.\\d+\\S* .*")));
            fabric.verify(postRequestedFor(urlEqualTo("/chat")).withHeader("User-Agent",
                    matching("fabric-mcp/\\d+\\.\\d+\\S* .*")));
        }
    }
}
