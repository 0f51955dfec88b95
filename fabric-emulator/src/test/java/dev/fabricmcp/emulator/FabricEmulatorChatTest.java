package dev.fabricmcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /chat}: framing, headers, errors and the scripted scenarios, over real HTTP. */
class FabricEmulatorChatTest {

    private static final String SUCCESS_TRANSCRIPT = """
            data: {"type":"content","format":"markdown","content":"Hello"}

            data: {"type":"content","format":"markdown","content":" world"}

            data: {"type":"usage","usage":{"input_tokens":9,"output_tokens":2,"total_tokens":11}}

            data: {"type":"content","format":"markdown","content":"\\n"}

            data: {"type":"complete","format":"plain"}

            """;

    private static final String MISSING_PATTERN_TRANSCRIPT = """
            data: {"type":"error","format":"plain","content":"Error: could not get pattern nope: pattern 'nope' \
            not found. Run 'fabric -l' to see available patterns"}

            data: {"type":"complete","format":"plain"}

            """;

    private static final long WAIT = 5;

    private FabricEmulator fabric;
    private TestHttp http;

    @BeforeEach
    void start() {
        fabric = FabricEmulator.builder().wordDelay(Duration.ofMillis(1)).build().start();
        http = new TestHttp(fabric);
    }

    @AfterEach
    void stop() {
        fabric.close();
    }

    private static String prompt(String pattern, String input) {
        return "{\"prompts\":[{\"userInput\":\"" + input + "\",\"patternName\":\"" + pattern + "\"}]}";
    }

    @Test
    void successTranscriptIsByteForByteFabrics() throws Exception {
        fabric.script("summarize", ChatScript.answer("Hello", " world"));
        HttpResponse<String> r = http.post("/chat", prompt("summarize", "Hi"));
        assertEquals(200, r.statusCode());
        assertEquals(SUCCESS_TRANSCRIPT, r.body());
        var h = r.headers();
        assertEquals("text/readystream", h.firstValue("content-type").orElseThrow());
        assertEquals("no-cache", h.firstValue("cache-control").orElseThrow());
        assertEquals("http://localhost:5173", h.firstValue("access-control-allow-origin").orElseThrow());
        assertEquals("no", h.firstValue("x-accel-buffering").orElseThrow());
        assertEquals("chunked", h.firstValue("transfer-encoding").orElseThrow());
        assertFalse(h.firstValue("content-length").isPresent());
        RecordedChat chat = fabric.chats().get(0);
        assertEquals(ChatOutcome.COMPLETED, chat.finished().get(WAIT, TimeUnit.SECONDS));
        assertEquals(SUCCESS_TRANSCRIPT, chat.bodyText());
        assertEquals(List.of("content", "content", "usage", "content", "complete"),
                chat.events().stream().map(RecordedEvent::type).toList());
    }

    @Test
    void missingPatternTranscriptIsByteForByteFabrics() throws Exception {
        HttpResponse<String> r = http.post("/chat", prompt("nope", "Hi"));
        assertEquals(200, r.statusCode());
        assertEquals(MISSING_PATTERN_TRANSCRIPT, r.body());
    }

    @Test
    void defaultAnswerEchoesPatternInputAndOptions() throws Exception {
        String body = "{\"prompts\":[{\"userInput\":\"Tell me <more> & more\",\"patternName\":\"summarize\","
                + "\"vendor\":\"litellm\",\"model\":\"OTHER-MODEL\"}],\"language\":\"en\",\"temperature\":0.7,"
                + "\"topP\":0.9,\"thinking\":\"low\"}";
        HttpResponse<String> r = http.post("/chat", body);
        List<String> events = events(r.body());
        assertTrue(events.get(0).startsWith("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Pattern\"}"));
        assertTrue(events.get(1).equals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\" summarize\"}"));
        assertTrue(r.body().contains("\\u003cmore\\u003e"), "Go HTML escaping in events");
        String text = contentOf(r.body());
        assertTrue(text.startsWith("Pattern summarize applied to: Tell me <more> & more. Options: vendor=LiteLLM "
                + "model=other-model temperature=0.7 topP=0.9 presencePenalty=0 frequencyPenalty=0 thinking=low "
                + "search=false language=en"), text);
        int n = events.size();
        assertTrue(events.get(n - 3).startsWith("{\"type\":\"usage\",\"usage\":{\"input_tokens\":"));
        assertEquals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"\\n\"}", events.get(n - 2));
        assertEquals("{\"type\":\"complete\",\"format\":\"plain\"}", events.get(n - 1));
        RecordedPrompt p = fabric.chats().get(0).prompts().get(0);
        assertEquals("LiteLLM", p.vendor());
        assertEquals("other-model", p.model());
        assertTrue(p.systemMessage().endsWith("INPUT:\nTell me <more> & more"), p.systemMessage());
        assertEquals("", p.userMessage());
    }

    @Test
    void variablesMermaidAndSeveralPrompts() throws Exception {
        String body = "{\"prompts\":["
                + "{\"userInput\":\"Hello\",\"patternName\":\"translate\",\"variables\":{\"lang_code\":\"fr\"}},"
                + "{\"userInput\":\"Hello\",\"patternName\":\"translate\"},"
                + "{\"userInput\":\"A then B\",\"patternName\":\"create_mermaid\"}]}";
        String response = http.post("/chat", body).body();
        List<String> events = events(response);
        assertEquals(3, events.stream().filter(e -> e.equals("{\"type\":\"complete\",\"format\":\"plain\"}")).count());
        assertTrue(response.contains("data: {\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error: could not "
                + "get pattern translate: missing required variable: lang_code\"}\n\ndata: {\"type\":\"complete\""));
        assertTrue(response.contains("{\"type\":\"content\",\"format\":\"mermaid\",\"content\":\"graph TD\\n\"}"));
        RecordedChat chat = fabric.chats().get(0);
        assertTrue(chat.prompts().get(0).systemMessage().contains("language code fr,"));
        assertTrue(chat.prompts().get(0).systemMessage().endsWith("# INPUT\n\nHello"));
    }

    @Test
    void missingStrategyContextAndVendorTexts() throws Exception {
        String body = "{\"prompts\":[{\"userInput\":\"x\",\"strategyName\":\"nope\"},"
                + "{\"userInput\":\"x\",\"contextName\":\"ctx\"},"
                + "{\"userInput\":\"x\",\"vendor\":\"LiteLLM\",\"model\":\"llama3:latest\"},"
                + "{\"userInput\":\"x\",\"vendor\":\"Nobody\"}]}";
        List<String> errors = events(http.post("/chat", body).body()).stream()
                .filter(e -> e.startsWith("{\"type\":\"error\"")).toList();
        assertEquals(List.of(
                "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error: could not load strategy nope: strategy "
                        + "nope not found. Please run 'fabric --liststrategies' for list\"}",
                "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error: could not find context ctx: could not "
                        + "load ctx: open /home/fabric/.config/fabric/contexts/ctx: no such file or directory\"}",
                "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error: model llama3:latest not available for "
                        + "vendor LiteLLM\"}",
                "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error:  Requested Model = fake-model\\n "
                        + "Default Model = fake-model\\n Default Vendor = LiteLLM.\\n\\ncould not find vendor\"}"),
                errors);
    }

    @Test
    void badRequestsAre400() throws Exception {
        HttpResponse<String> empty = http.post("/chat", "");
        assertEquals(400, empty.statusCode());
        assertEquals("application/json; charset=utf-8", empty.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"error\":\"invalid request format: EOF\"}", empty.body());
        HttpResponse<String> thinking = http.post("/chat", "{\"prompts\":[],\"thinking\":0}");
        assertEquals(400, thinking.statusCode());
        assertEquals("{\"error\":\"invalid request format: json: Thinking must be a string\"}", thinking.body());
        assertEquals("{\"error\":\"invalid request format: the body is not JSON\"}", http.post("/chat", "hello").body());
        RecordedChat chat = fabric.awaitChat(c -> c.rejection().isPresent() && c.request().bodyText().equals("hello"),
                Duration.ofSeconds(WAIT));
        assertEquals(ChatOutcome.REJECTED, chat.finished().get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void noPromptsIsAnEmpty200() throws Exception {
        for (String body : List.of("{}", "{\"prompts\":null}", "{\"prompts\":[]}", "null")) {
            HttpResponse<String> r = http.post("/chat", body);
            assertEquals(200, r.statusCode());
            assertEquals("", r.body());
            assertEquals("0", r.headers().firstValue("content-length").orElseThrow());
            assertEquals("text/readystream", r.headers().firstValue("content-type").orElseThrow());
        }
    }

    @Test
    void cutConnectionIsAnErrorForTheClient() throws Exception {
        fabric.script("summarize", ChatScript.cutAfter("Hello", " wor"));
        CompletableFuture<RecordedChat> next = fabric.nextChat();
        assertThrows(IOException.class, () -> http.post("/chat", prompt("summarize", "x")));
        RecordedChat chat = next.get(WAIT, TimeUnit.SECONDS);
        assertEquals(ChatOutcome.CUT, chat.finished().get(WAIT, TimeUnit.SECONDS));
        assertEquals(2, chat.events().size());
        // The server is still fine afterwards.
        assertEquals(200, http.get("/patterns/names").statusCode());
    }

    @Test
    void clientThatCancelsMidStreamIsRecorded() throws Exception {
        fabric.script("summarize", ChatScript.slowStream(10_000, Duration.ofMillis(50)));
        CompletableFuture<RecordedChat> next = fabric.nextChat();
        HttpResponse<InputStream> r = http.postStreaming("/chat", prompt("summarize", "x"));
        Instant closedAt;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: {\"type\":\"content\",\"format\":\"markdown\",\"content\":\"chunk 0\\n\"}",
                    reader.readLine());
            closedAt = Instant.now();
        }
        RecordedChat chat = next.get(WAIT, TimeUnit.SECONDS);
        Instant goneAt = chat.clientGone().get(WAIT, TimeUnit.SECONDS);
        assertFalse(goneAt.isBefore(closedAt));
        assertEquals(ChatOutcome.CLIENT_GONE, chat.finished().get(WAIT, TimeUnit.SECONDS));
        assertTrue(chat.events().size() < 200, "stopped writing soon after the client left");
        assertEquals(goneAt, chat.clientGoneAt().orElseThrow());
    }

    @Test
    void timestampedChunksCarryTheirSendTime() throws Exception {
        fabric.script("summarize", ChatScript.timestamped(5, Duration.ofMillis(20)));
        long before = ChunkStamp.nowMicros();
        String body = http.post("/chat", prompt("summarize", "x")).body();
        long after = ChunkStamp.nowMicros();
        List<ChunkStamp> stamps = ChunkStamp.parseAll(contentOf(body));
        assertEquals(5, stamps.size());
        for (int i = 0; i < 5; i++) {
            ChunkStamp s = stamps.get(i);
            assertEquals(i, s.sequence());
            assertTrue(s.epochMicros() >= before && s.epochMicros() <= after);
            if (i > 0) {
                assertTrue(s.epochMicros() - stamps.get(i - 1).epochMicros() >= 15_000, "about 20 ms apart");
            }
        }
        RecordedEvent first = fabric.chats().get(0).events().get(0);
        assertTrue(ChronoUnit.MICROS.between(Instant.EPOCH, first.writtenAt()) >= stamps.get(0).epochMicros());
        assertEquals("seq=0 ts=" + stamps.get(0).epochMicros() + "\n", first.content());
    }

    @Test
    void otherScenarios() throws Exception {
        fabric.script("a", ChatScript.errorAfter("POST \"http://llm/chat/completions\": 500 Internal Server Error",
                "Par", "tial"));
        fabric.script("b", ChatScript.malformedEventAfter("x"));
        fabric.script("c", ChatScript.withoutComplete("only"));
        fabric.script("d", ChatScript.burst(300));
        fabric.script("e", ChatScript.hugeChunk(1_000_000));
        String error = http.post("/chat", prompt("a", "x")).body();
        assertTrue(error.endsWith("data: {\"type\":\"content\",\"format\":\"markdown\",\"content\":\"tial\"}\n\n"
                + "data: {\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error: POST \\\"http://llm/chat/"
                + "completions\\\": 500 Internal Server Error\"}\n\ndata: {\"type\":\"complete\",\"format\":\"plain\"}\n\n"));
        assertTrue(http.post("/chat", prompt("b", "x")).body().contains("\n\ndata: {\"type\":\"content\",\n\n"));
        assertFalse(http.post("/chat", prompt("c", "x")).body().contains("complete"));
        List<String> burst = events(http.post("/chat", prompt("d", "x")).body());
        assertEquals(300 + 3, burst.size());
        assertEquals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"chunk 299\\n\"}", burst.get(299));
        List<String> huge = events(http.post("/chat", prompt("e", "x")).body());
        assertEquals(1_000_000 + "{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"\"}".length(),
                huge.get(0).length());
    }

    @Test
    void closingTheEmulatorEndsAStall() throws Exception {
        fabric.script("summarize", ChatScript.stall(Duration.ofMinutes(5)));
        CompletableFuture<HttpResponse<String>> response = http.client().sendAsync(
                http.request("/chat").POST(java.net.http.HttpRequest.BodyPublishers.ofString(prompt("summarize", "x")))
                        .build(), HttpResponse.BodyHandlers.ofString());
        RecordedChat chat = fabric.awaitChat(c -> !c.events().isEmpty(), Duration.ofSeconds(WAIT));
        long start = System.nanoTime();
        fabric.close();
        assertEquals(ChatOutcome.STOPPED, chat.finished().get(WAIT, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        assertTrue(response.handle((ok, failure) -> failure != null || !ok.body().contains("complete"))
                .get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void sessionIsAppendedByChat() throws Exception {
        http.post("/chat", "{\"prompts\":[{\"userInput\":\"Hi there\",\"sessionName\":\"s1\"}]}");
        String session = http.get("/sessions/s1").body();
        assertTrue(session.startsWith("{\"Name\":\"s1\",\"Messages\":[{\"role\":\"user\",\"content\":\"Hi there\"},"
                + "{\"role\":\"assistant\",\"content\":\"Answer to: Hi there."), session);
    }

    @Test
    void servesTwoHundredFiftyConcurrentStreams() throws Exception {
        fabric.script("summarize", ChatScript.builder().content("start").pause(Duration.ofMillis(2500))
                .content(" end").build());
        int n = 250;
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            responses.add(http.client().sendAsync(http.request("/chat")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(prompt("summarize", "x"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // At one moment all 250 must be mid-stream: each has written "start" and none has finished.
        fabric.awaitChat(c -> {
            List<RecordedChat> all = fabric.chats();
            return all.size() == n && all.stream().allMatch(x -> !x.events().isEmpty() && x.outcome().isEmpty());
        }, Duration.ofSeconds(20));
        for (CompletableFuture<HttpResponse<String>> f : responses) {
            assertTrue(f.get(20, TimeUnit.SECONDS).body().endsWith("{\"type\":\"complete\",\"format\":\"plain\"}\n\n"));
        }
    }

    /** The JSON payloads of the events in a body. */
    static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (!block.isEmpty()) {
                assertTrue(block.startsWith("data: "), block);
                out.add(block.substring(6));
            }
        }
        return out;
    }

    private static final Pattern CONTENT = Pattern.compile("\"type\":\"content\",\"format\":\"[a-z]+\",\"content\":(\"(?:[^\"\\\\]|\\\\.)*\")");

    /** The concatenated content of the content events in a body. */
    static String contentOf(String body) {
        StringBuilder sb = new StringBuilder();
        Matcher m = CONTENT.matcher(body);
        while (m.find()) {
            sb.append(com.google.gson.JsonParser.parseString(m.group(1)).getAsString());
        }
        return sb.toString();
    }
}
