package dev.fabricmcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-streaming routes over real HTTP, against the facts of docs/fabric-rest-api.md. */
class FabricEmulatorRestTest {

    private static final String JSON = "application/json; charset=utf-8";

    private FabricEmulator fabric;
    private TestHttp http;

    @BeforeEach
    void start() {
        fabric = FabricEmulator.builder().build().start();
        http = new TestHttp(fabric);
    }

    @AfterEach
    void stop() {
        fabric.close();
    }

    @Test
    void patternNamesAreSorted() throws Exception {
        HttpResponse<String> r = http.get("/patterns/names");
        assertEquals(200, r.statusCode());
        assertEquals(JSON, r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().startsWith("[\"analyze_claims\",\"analyze_contract\",\"analyze_incident\","), r.body());
        assertTrue(r.body().endsWith(",\"write_essay\",\"write_product_requirements\",\"write_sql\"]"), r.body());
        assertEquals(26, r.body().split(",").length);
    }

    @Test
    void emptyPatternListIsAnEmptyArray() throws Exception {
        try (FabricEmulator empty = FabricEmulator.builder().patterns(Map.of()).build().start()) {
            assertEquals("[]", new TestHttp(empty).get("/patterns/names").body());
        }
    }

    @Test
    void patternHasCapitalisedKeysAndRawText() throws Exception {
        fabric.putPattern("tiny", "Say <hi> & {{name}} = 'x'\n");
        HttpResponse<String> r = http.get("/patterns/tiny");
        assertEquals(200, r.statusCode());
        assertEquals("{\"Name\":\"tiny\",\"Description\":\"\",\"Pattern\":\"Say \\u003chi\\u003e \\u0026 {{name}} = 'x'\\n\"}",
                r.body());
    }

    @Test
    void missingPatternIs500WithAJsonString() throws Exception {
        HttpResponse<String> r = http.get("/patterns/nope");
        assertEquals(500, r.statusCode());
        assertEquals(JSON, r.headers().firstValue("content-type").orElseThrow());
        assertEquals("\"pattern 'nope' not found. Run 'fabric -l' to see available patterns\"", r.body());
    }

    @Test
    void applySubstitutesVariablesBodyWinningOverQuery() throws Exception {
        fabric.putPattern("t", "Translate to {{lang_code}}:\n{{input}}\nDone");
        HttpResponse<String> r = http.post("/patterns/t/apply?lang_code=es",
                "{\"input\":\"Hello {{lang_code}}\",\"variables\":{\"lang_code\":\"fr\"}}");
        assertEquals(200, r.statusCode());
        assertEquals("{\"Name\":\"t\",\"Description\":\"\",\"Pattern\":\"Translate to fr:\\nHello {{lang_code}}\\nDone\"}",
                r.body());
        HttpResponse<String> appended = http.post("/patterns/summarize/apply", "{\"input\":\"Text\"}");
        assertTrue(appended.body().endsWith("INPUT:\\nText\"}"), appended.body());
    }

    @Test
    void applyErrors() throws Exception {
        HttpResponse<String> empty = http.post("/patterns/translate/apply", "");
        assertEquals(400, empty.statusCode());
        assertEquals("{\"error\":\"EOF\"}", empty.body());
        HttpResponse<String> missingVar = http.post("/patterns/translate/apply", "{\"input\":\"x\"}");
        assertEquals(500, missingVar.statusCode());
        assertEquals("\"missing required variable: lang_code\"", missingVar.body());
        HttpResponse<String> missing = http.post("/patterns/nope/apply", "{\"input\":\"x\"}");
        assertEquals(500, missing.statusCode());
        assertEquals("\"pattern 'nope' not found. Run 'fabric -l' to see available patterns\"", missing.body());
    }

    @Test
    void modelNamesMatchTheReferenceExample() throws Exception {
        HttpResponse<String> r = http.get("/models/names");
        assertEquals("{\"models\":[\"fake-model\",\"other-model\",\"llama3:latest\"],\"vendors\":"
                + "{\"LiteLLM\":[\"fake-model\",\"other-model\"],\"Ollama\":[\"llama3:latest\"]}}", r.body());
    }

    @Test
    void modelsCanBeNullAndNoVendorIs500() throws Exception {
        fabric.models(ModelCatalog.empty().withVendor("LiteLLM"));
        assertEquals("{\"models\":null,\"vendors\":{\"LiteLLM\":[]}}", http.get("/models/names").body());
        fabric.models(ModelCatalog.empty());
        HttpResponse<String> r = http.get("/models/names");
        assertEquals(500, r.statusCode());
        assertEquals("{\"error\":\"Server failed to retrieve model names\"}", r.body());
    }

    @Test
    void strategiesAreListedOrNull() throws Exception {
        String body = http.get("/strategies").body();
        assertTrue(body.startsWith("[{\"name\":\"aot\",\"description\":\"Atom-of-Thought (AoT) Prompting\",\"prompt\":"),
                body);
        assertTrue(body.contains("{\"name\":\"cot\",\"description\":\"Chain-of-Thought (CoT) Prompting\",\"prompt\":"
                + "\"Think step by step to answer the question. Return the final answer in the required format.\"}"));
        fabric.strategies(List.of());
        assertEquals("null", http.get("/strategies").body());
    }

    @Test
    void configIsMaskedOrClear() throws Exception {
        assertEquals("{\"anthropic\":\"\",\"deepseek\":\"\",\"gemini\":\"\",\"grokai\":\"\",\"groq\":\"\","
                + "\"lmstudio\":\"\",\"mistral\":\"\",\"ollama\":\"\",\"openai\":\"**********************abcd\","
                + "\"openrouter\":\"\",\"silicon\":\"\"}", http.get("/config").body());
        fabric.config(FabricConfig.clear(Map.of("groq", "gsk-123456", "ollama", "http://localhost:11434")));
        String clear = http.get("/config").body();
        assertTrue(clear.contains("\"groq\":\"gsk-123456\""), clear);
        assertTrue(clear.contains("\"ollama\":\"http://localhost:11434\""), clear);
    }

    @Test
    void emptyContextsAndSessionsAreNull() throws Exception {
        assertEquals("null", http.get("/contexts/names").body());
        assertEquals("null", http.get("/sessions/names").body());
        HttpResponse<String> missing = http.get("/sessions/s1");
        assertEquals(200, missing.statusCode());
        assertEquals("{\"Name\":\"s1\",\"Messages\":null}", missing.body());
    }

    @Test
    void contextsAndSessionsRoundTrip() throws Exception {
        fabric.putContext("c1", "Some context");
        assertEquals("[\"c1\"]", http.get("/contexts/names").body());
        assertEquals("{\"Name\":\"c1\",\"Content\":\"Some context\"}", http.get("/contexts/c1").body());
        HttpResponse<String> missing = http.get("/contexts/c2");
        assertEquals(500, missing.statusCode());
        assertEquals("\"could not load c2: open /home/fabric/.config/fabric/contexts/c2: no such file or directory\"",
                missing.body());
        fabric.putSession("s1", "[{\"content\":\"hi\",\"role\":\"user\",\"extra\":1},{\"role\":\"assistant\"}]");
        assertEquals("{\"Name\":\"s1\",\"Messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\"}]}",
                http.get("/sessions/s1").body());
    }

    @Test
    void unknownPathIsPlain404() throws Exception {
        for (HttpResponse<String> r : List.of(http.get("/nope"), http.get("/patterns/a/b"), http.get("/chat"),
                http.send("PATCH", "/patterns/names", ""))) {
            assertEquals(404, r.statusCode());
            assertEquals("text/plain", r.headers().firstValue("content-type").orElseThrow());
            assertEquals("404 page not found", r.body());
        }
    }

    @Test
    void trailingSlashRedirects() throws Exception {
        HttpResponse<String> r = http.get("/patterns/names/");
        assertEquals(301, r.statusCode());
        assertEquals("/patterns/names", r.headers().firstValue("location").orElseThrow());
        assertEquals(307, http.post("/chat/", "{}").statusCode());
    }

    @Test
    void apiKeyIsRequiredEverywhere() throws Exception {
        try (FabricEmulator secured = FabricEmulator.builder().apiKey("s3cret").build().start()) {
            TestHttp h = new TestHttp(secured);
            HttpResponse<String> missing = h.get("/patterns/names");
            assertEquals(401, missing.statusCode());
            assertEquals(JSON, missing.headers().firstValue("content-type").orElseThrow());
            assertEquals("{\"error\":\"Missing API Key\"}", missing.body());
            HttpResponse<String> wrong = h.get("/patterns/names", "X-API-Key", "S3CRET");
            assertEquals(401, wrong.statusCode());
            assertEquals("{\"error\":\"Wrong API Key\"}", wrong.body());
            assertEquals(200, h.get("/patterns/names", "x-api-key", "s3cret").statusCode());
            assertEquals(401, h.get("/no/such/route").statusCode());
            assertEquals(404, h.get("/no/such/route", "X-Api-Key", "s3cret").statusCode());
            assertEquals(401, h.post("/chat", "{}").statusCode());
        }
    }

    @Test
    void youtubeTranscript() throws Exception {
        HttpResponse<String> ok = http.post("/youtube/transcript",
                "{\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\"language\":\"en\"}");
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().startsWith("{\"transcript\":\"Hello and welcome"), ok.body());
        assertTrue(ok.body().endsWith(",\"videoId\":\"dQw4w9WgXcQ\",\"title\":\"dQw4w9WgXcQ\",\"description\":\"\"}"));
        assertEquals("{\"error\":\"invalid request\"}", http.post("/youtube/transcript", "{}").body());
        assertEquals("{\"error\":\"invalid request\"}", http.post("/youtube/transcript", "not json").body());
        HttpResponse<String> bad = http.post("/youtube/transcript", "{\"url\":\"https://example.com/x\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"invalid YouTube URL, can't get video or playlist ID: 'https://example.com/x'\"}",
                bad.body());
        assertEquals("{\"error\":\"URL is a playlist, not a video\"}", http.post("/youtube/transcript",
                "{\"url\":\"https://www.youtube.com/playlist?list=PL123\"}").body());
        fabric.youtubeFailure("yt-dlp not found");
        HttpResponse<String> failed = http.post("/youtube/transcript", "{\"url\":\"https://youtu.be/dQw4w9WgXcQ\"}");
        assertEquals(500, failed.statusCode());
        assertEquals("{\"error\":\"yt-dlp not found\"}", failed.body());
    }

    @Test
    void youtubeFailsAfterItsUrlChecksAsScripted() throws Exception {
        fabric.youtubeFailure(FabricEmulator.YT_DLP_MISSING);
        HttpResponse<String> failed = http.post("/youtube/transcript", "{\"url\":\"https://youtu.be/dQw4w9WgXcQ\"}");
        assertEquals(500, failed.statusCode());
        assertEquals("{\"error\":\"" + FabricEmulator.YT_DLP_MISSING + "\"}", failed.body());
        assertEquals(400, http.post("/youtube/transcript", "{\"url\":\"https://example.com/x\"}").statusCode());
        fabric.youtubeFailure(null);
        assertEquals(200, http.post("/youtube/transcript", "{\"url\":\"https://youtu.be/dQw4w9WgXcQ\"}").statusCode());
    }

    @Test
    void cannedAnswersStandInForTheRouteInTurnTheLastOneStaying() throws Exception {
        fabric.answer("GET", "/patterns/names", Answer.status(503).body("busy"), Answer.json("[\"only\"]"));

        HttpResponse<String> first = http.get("/patterns/names");
        assertEquals(503, first.statusCode());
        assertEquals("busy", first.body());
        assertEquals("[\"only\"]", http.get("/patterns/names").body());
        assertEquals("[\"only\"]", http.get("/patterns/names").body());
        assertEquals("application/json; charset=utf-8",
                http.get("/patterns/names").headers().firstValue("content-type").orElseThrow());

        fabric.clearAnswers();
        assertTrue(http.get("/patterns/names").body().startsWith("[\"analyze_claims\","));
    }

    @Test
    void aCannedAnswerWaitsForItsCueAndMayComeInPieces() throws Exception {
        CompletableFuture<Void> cue = new CompletableFuture<>();
        fabric.answer("POST", "/chat", Answer.stream("{\"type\":\"complete\",\"format\":\"plain\"}")
                .inPieces(5, Duration.ofMillis(1)).after(cue));

        CompletableFuture<HttpResponse<String>> answer = http.client().sendAsync(
                http.request("/chat").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        fabric.awaitRequest(r -> r.path().equals("/chat"), Duration.ofSeconds(5));
        assertFalse(answer.isDone(), "nothing is sent before the cue");
        cue.complete(null);

        HttpResponse<String> response = answer.get(5, TimeUnit.SECONDS);
        assertEquals("text/readystream", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("data: {\"type\":\"complete\",\"format\":\"plain\"}\n\n", response.body());
    }

    @Test
    void requestsAreRecorded() throws Exception {
        String body = "{\"input\":\"Body text\"}";
        http.post("/patterns/summarize/apply", body, "X-Custom", "v1");
        RecordedRequest r = fabric.awaitRequest(q -> q.path().equals("/patterns/summarize/apply"),
                Duration.ofSeconds(5));
        assertEquals("POST", r.method());
        assertEquals(body, r.bodyText());
        assertEquals("v1", r.header("x-custom").orElseThrow());
        assertEquals(body, fabric.requests().get(fabric.requests().size() - 1).bodyText());
    }

    @Test
    void garbageNeverBreaksTheServer() throws Exception {
        for (String body : List.of("", "{", "[[[[[[", "{\"prompts\":7}", "{\"prompts\":[1,null,{}]}", "\u0000\u00ff",
                "{\"variables\":{\"a\":1}}", "9".repeat(400), "[".repeat(20_000))) {
            for (String path : List.of("/chat", "/patterns/translate/apply", "/youtube/transcript")) {
                int status = http.post(path, body).statusCode();
                assertTrue(status == 200 || status == 400 || status == 500, path + " " + status);
            }
        }
        assertEquals("{\"error\":\"invalid request format: the body is not JSON\"}",
                http.post("/chat", "[".repeat(20_000)).body());
        fabric.putSession("bad", "{not json");
        HttpResponse<String> bad = http.get("/sessions/bad");
        assertEquals(500, bad.statusCode());
        assertEquals("\"the session file is not JSON\"", bad.body());
        assertEquals(200, http.get("/patterns/names").statusCode());
    }
}
