package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.core.testing.McpSession;
import dev.fabricmcp.core.testing.StdioClientTransport;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

/**
 * The same tools against a real {@code fabric --serve} and a real model, when {@code FABRIC_IT_URL} names one
 * ({@code FABRIC_IT_API_KEY} when Fabric has {@code --api-key}; {@code FABRIC_IT_PATTERN}, default
 * {@code summarize}, the pattern to run). A live model answers differently every time, so these tests check shapes,
 * not values. Without {@code FABRIC_IT_URL} they are skipped. See docs/testing.md for a setup with Ollama.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFabricIT {

    /** A small local model on a CPU can take minutes for one pattern; the SDK's client waits this long. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final String INPUT = "Fabric is an open-source framework for augmenting humans using AI. It"
            + " organizes prompts, called patterns, by real-world task: summarizing an article, extracting the"
            + " wisdom of a talk, writing a commit message. Each pattern is a Markdown system prompt. Fabric runs"
            + " on the command line and as a REST server, and works with many model vendors, local ones included.";

    private String url;
    private String apiKey;
    private String pattern;

    private static final String SKIPPED = "FABRIC_IT_URL is not set: skipping the live-Fabric tests (see docs/testing.md)";

    @BeforeAll
    void readTheEnvironment() {
        url = blankToNull(System.getenv("FABRIC_IT_URL"));
        if (url == null) {
            System.out.println("[LiveFabricIT] " + SKIPPED);
            return;
        }
        apiKey = blankToNull(System.getenv("FABRIC_IT_API_KEY"));
        pattern = blankToNull(System.getenv("FABRIC_IT_PATTERN"));
        if (pattern == null) {
            pattern = "summarize";
        }
        System.out.println("[LiveFabricIT] Fabric at " + url + (apiKey == null ? " (no API key)" : " (with an API key)")
                + ", pattern " + pattern);
    }

    /** Per test rather than per class, so that each test is reported as skipped, with the reason. */
    @BeforeEach
    void onlyWithALiveFabric() {
        Assumptions.assumeTrue(url != null, SKIPPED);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The SDK's client on a fabric-mcp started for this Fabric, with a long timeout and progress kept. */
    private final class LiveSession implements AutoCloseable {
        final FabricMcpProcess server;
        final McpAsyncClient client;
        final List<McpSession.Arrival<McpSchema.ProgressNotification>> progress = new CopyOnWriteArrayList<>();

        LiveSession(Transport transport) {
            Map<String, String> env = new HashMap<>(Map.of("FABRIC_BASE_URL", url));
            if (apiKey != null) {
                env.put("FABRIC_API_KEY", apiKey);
            }
            server = transport == Transport.STDIO ? FabricMcpProcess.start(List.of(), env)
                    : FabricMcpProcess.startHttp(List.of(), env);
            McpClientTransport channel;
            if (transport == Transport.STDIO) {
                channel = new StdioClientTransport(server.stdout(), server.stdin(), McpSession.mapper());
            } else {
                URI endpoint = server.endpoint();
                channel = HttpClientStreamableHttpTransport.builder(endpoint.getScheme() + "://" + endpoint.getAuthority())
                        .endpoint(endpoint.getPath()).jsonMapper(McpSession.mapper()).build();
            }
            client = McpClient.async(channel)
                    .requestTimeout(RUN_TIMEOUT)
                    .progressConsumer(n -> Mono.fromRunnable(() -> progress.add(new McpSession.Arrival<>(n,
                            Instant.now()))))
                    .build();
            try {
                client.initialize().block(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                server.close();
                throw new IllegalStateException(e.getMessage() + "\nfabric-mcp stderr:\n"
                        + String.join("\n", server.stderr()), e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> structured(String tool, Map<String, Object> arguments) {
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build())
                    .block(Duration.ofSeconds(60));
            assertNotNull(result, tool);
            assertFalse(Boolean.TRUE.equals(result.isError()), () -> tool + ": " + Texts.of(result));
            assertInstanceOf(Map.class, result.structuredContent(), tool);
            return (Map<String, Object>) result.structuredContent();
        }

        @Override
        public void close() {
            try {
                client.closeGracefully().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
            } finally {
                server.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theReadOnlyToolsAnswerFromFabric(Transport transport) {
        try (LiveSession live = new LiveSession(transport)) {
            List<?> patterns = (List<?>) live.structured("fabric_list_patterns", Map.of()).get("patterns");
            assertFalse(patterns.isEmpty(), "Fabric has patterns (run `fabric --setup` if not)");
            assertTrue(patterns.contains(pattern), () -> "Fabric has the pattern " + pattern + ": " + patterns);

            Map<String, Object> details = live.structured("fabric_get_pattern_details", Map.of("pattern_name", pattern));
            assertEquals(pattern, details.get("name"));
            assertInstanceOf(String.class, details.get("system_prompt"));
            assertFalse(((String) details.get("system_prompt")).isBlank(), "the pattern has a system prompt");

            Map<String, Object> models = live.structured("fabric_list_models", Map.of());
            assertInstanceOf(Map.class, models.get("vendors"));
            assertFalse(((Map<?, ?>) models.get("vendors")).isEmpty(), () -> "Fabric has a vendor: " + models);

            // Strategies need `fabric --setup`; without their folder Fabric answers 500, which must be explained.
            McpSchema.CallToolResult strategies = live.client.callTool(McpSchema.CallToolRequest.builder(
                    "fabric_list_strategies").arguments(Map.of()).build()).block(Duration.ofSeconds(60));
            if (Boolean.TRUE.equals(strategies.isError())) {
                assertFalse(Texts.of(strategies).isBlank());
                System.out.println("[LiveFabricIT] fabric_list_strategies: " + Texts.of(strategies));
            } else {
                assertInstanceOf(Map.class, strategies.structuredContent());
            }

            Map<String, Object> configuration = live.structured("fabric_get_configuration", Map.of());
            assertFalse(configuration.isEmpty(), "Fabric's configuration has keys");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamedRunRelaysChunksBeforeTheResult(Transport transport) {
        try (LiveSession live = new LiveSession(transport)) {
            Instant started = Instant.now();
            McpSchema.CallToolResult result = live.client.callTool(McpSchema.CallToolRequest
                    .builder("fabric_run_pattern")
                    .arguments(Map.of("pattern_name", pattern, "input_text", INPUT, "stream", true))
                    .progressToken("live-" + transport).build()).block(RUN_TIMEOUT);
            Instant resultAt = Instant.now();
            assertNotNull(result);
            assertFalse(Boolean.TRUE.equals(result.isError()), () -> Texts.of(result));

            String output = Texts.of(result);
            assertFalse(output.isBlank(), "the model wrote something");
            List<McpSession.Arrival<McpSchema.ProgressNotification>> chunks = live.progress.stream()
                    .filter(a -> Progress.isContent(a.notification())).toList();
            assertFalse(chunks.isEmpty(), "at least one chunk was relayed as progress");
            assertTrue(chunks.get(0).at().isBefore(resultAt), "the first chunk arrived before the result");
            assertEquals("live-" + transport, chunks.get(0).notification().progressToken());
            Map<?, ?> structured = (Map<?, ?>) result.structuredContent();
            assertEquals(output, structured.get("output_text"));
            System.out.println("[LiveFabricIT] " + transport + ": " + chunks.size() + " chunks, " + output.length()
                    + " characters in " + Duration.between(started, resultAt).toMillis() + " ms, the first after "
                    + Duration.between(started, chunks.get(0).at()).toMillis() + " ms");
        }
    }
}
