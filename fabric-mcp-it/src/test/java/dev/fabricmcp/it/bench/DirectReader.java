package dev.fabricmcp.it.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The baseline: a plain {@code java.net.http} client reading the emulator's {@code /chat} SSE stream line by line,
 * with no MCP in between. What fabric-mcp adds is measured against this.
 */
final class DirectReader implements StreamClient {

    private final HttpClient http;
    private final URI chat;

    DirectReader(HttpClient http, URI fabric) {
        this.http = http;
        this.chat = URI.create(fabric + "/chat");
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public Run run(String pattern) throws Exception {
        String body = "{\"prompts\":[{\"userInput\":\"bench\",\"vendor\":\"\",\"model\":\"\",\"contextName\":\"\","
                + "\"patternName\":\"" + pattern + "\",\"strategyName\":\"\",\"sessionName\":\"\"}],"
                + "\"temperature\":0.7,\"topP\":0.9,\"frequencyPenalty\":0.0,\"presencePenalty\":0.0}";
        HttpRequest request = HttpRequest.newBuilder(chat)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Arrivals arrivals = new Arrivals();
        int[] chars = {0};
        long[] end = {0};
        long start = System.nanoTime();
        int status = SseLines.stream(http, request, line -> {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = Stamps.nowMicros();
            if (line.contains("\"type\":\"content\"")) {
                arrivals.arrived(now, line);
                chars[0] += line.length();
            } else if (line.contains("\"type\":\"complete\"")) {
                end[0] = System.nanoTime();
            }
        });
        if (status != 200) {
            throw new IllegalStateException("/chat answered " + status);
        }
        return new Run(arrivals, start, end[0] == 0 ? System.nanoTime() : end[0], chars[0]);
    }

    @Override
    public void close() {
    }
}
