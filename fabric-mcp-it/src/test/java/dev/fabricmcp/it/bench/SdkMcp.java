package dev.fabricmcp.it.bench;

import dev.fabricmcp.core.testing.StdioClientTransport;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The MCP Java SDK's own client ({@link McpAsyncClient}) talking to fabric-mcp over stdio or Streamable HTTP, as a
 * Java MCP client would. A chunk counts as arrived when the SDK hands the progress notification to the
 * {@code progressConsumer}, so the SDK client's JSON parsing and dispatch are part of what is measured.
 */
final class SdkMcp implements StreamClient {

    private static final AtomicLong TOKENS = new AtomicLong();

    private final McpAsyncClient client;
    private final Map<Object, Arrivals> calls = new ConcurrentHashMap<>();

    private SdkMcp(McpClientTransport transport) {
        this.client = McpClient.async(transport)
                .requestTimeout(Duration.ofMinutes(5))
                .progressConsumer(n -> {
                    long now = Stamps.nowMicros();
                    Arrivals arrivals = calls.get(n.progressToken());
                    if (arrivals != null) {
                        arrivals.arrived(now, n.message() == null ? "" : n.message());
                    }
                    return Mono.empty();
                })
                .build();
        client.initialize().block(Duration.ofSeconds(60));
    }

    static McpJsonMapper mapper() {
        return McpJsonDefaults.getMapper();
    }

    static SdkMcp stdio(ServerProcess server) {
        return new SdkMcp(new StdioClientTransport(server.stdout(), server.stdin(), mapper()));
    }

    static SdkMcp http(URI endpoint) {
        return new SdkMcp(HttpClientStreamableHttpTransport
                .builder(endpoint.getScheme() + "://" + endpoint.getAuthority())
                .endpoint(endpoint.getPath())
                .jsonMapper(mapper())
                .build());
    }

    @Override
    public Run run(String pattern) {
        String token = "sdk-" + TOKENS.incrementAndGet();
        Arrivals arrivals = new Arrivals();
        calls.put(token, arrivals);
        long start = System.nanoTime();
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("fabric_run_pattern")
                .arguments(Map.of("pattern_name", pattern, "input_text", "bench", "stream", true))
                .progressToken(token).build()).block(Duration.ofMinutes(5));
        long end = System.nanoTime();
        calls.remove(token);
        if (result == null || Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException("the call failed: " + result);
        }
        int chars = result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .mapToInt(c -> ((McpSchema.TextContent) c).text().length()).sum();
        return new Run(arrivals, start, end, chars);
    }

    @Override
    public void close() {
        client.closeGracefully().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
    }
}
