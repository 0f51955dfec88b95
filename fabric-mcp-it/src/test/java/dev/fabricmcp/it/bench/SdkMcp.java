package dev.fabricmcp.it.bench;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
        return new SdkMcp(new ProcessStdioTransport(server, mapper()));
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
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("fabric_run_pattern",
                Map.of("pattern_name", pattern, "input_text", "bench", "stream", true),
                Map.of("progressToken", token))).block(Duration.ofMinutes(5));
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

    /**
     * Newline-delimited JSON-RPC over a child process's stdin and stdout, as every stdio MCP client speaks it (like
     * {@code support.StdioClientTransport}, which only takes a {@code support.FabricMcpProcess}).
     */
    static final class ProcessStdioTransport implements McpClientTransport {
        private final ServerProcess server;
        private final McpJsonMapper mapper;

        ProcessStdioTransport(ServerProcess server, McpJsonMapper mapper) {
            this.server = server;
            this.mapper = mapper;
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(server.stdout(), StandardCharsets.UTF_8), 1 << 16)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        McpSchema.JSONRPCMessage message;
                        try {
                            message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                        } catch (Exception e) {
                            continue;
                        }
                        handler.apply(Mono.just(message)).subscribe();
                    }
                } catch (IOException e) {
                    // the server's stdout closed
                }
            }, "sdk-stdio-reader");
            reader.setDaemon(true);
            reader.start();
            return Mono.empty();
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                try {
                    byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                    synchronized (this) {
                        OutputStream stdin = server.stdin();
                        stdin.write(line);
                        stdin.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> {
                try {
                    server.stdin().close();
                } catch (IOException e) {
                    // already closed
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return mapper.convertValue(data, typeRef);
        }
    }
}
