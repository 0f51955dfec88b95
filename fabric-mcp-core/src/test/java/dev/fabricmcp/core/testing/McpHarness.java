package dev.fabricmcp.core.testing;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.transport.StdioTransport;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * A fabric-mcp server and the SDK's own MCP client, connected in memory through fabric-mcp's real stdio
 * transport: what a test sees is what a stdio client sees.
 */
public final class McpHarness implements AutoCloseable {

    private final FabricMcpServer fabricMcp;
    private final StdioTransport server;
    private final Thread serving;
    private final McpAsyncClient client;
    private final InMemoryClientTransport transport;
    private final BlockingQueue<McpSchema.ProgressNotification> progress = new LinkedBlockingQueue<>();
    private final BlockingQueue<McpSchema.LoggingMessageNotification> logs = new LinkedBlockingQueue<>();
    private final List<Object> arrivals = new CopyOnWriteArrayList<>();

    private McpHarness(FabricClient fabric, Duration heartbeat, UnaryOperator<OutputStream> serverOutput)
            throws IOException {
        McpJsonMapper mapper = FabricMcpServer.jsonMapper();
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        fabricMcp = FabricMcpServer.builder(fabric).version("test").heartbeatInterval(heartbeat).build();
        OutputStream out = serverOutput.apply(Channels.newOutputStream(toClient.sink()));
        server = StdioTransport.of(fabricMcp, Channels.newInputStream(toServer.source()), out);
        serving = new Thread(server::serve, "harness-stdio");
        serving.setDaemon(true);
        serving.start();
        transport = new InMemoryClientTransport(mapper, Channels.newInputStream(toClient.source()),
                Channels.newOutputStream(toServer.sink()));
        client = McpClient.async(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(notification -> Mono.fromRunnable(() -> {
                    arrivals.add(notification);
                    progress.add(notification);
                }))
                .loggingConsumer(notification -> Mono.fromRunnable(() -> {
                    arrivals.add(notification);
                    logs.add(notification);
                }))
                .build();
        client.initialize().block(Duration.ofSeconds(10));
    }

    public static McpHarness start(FabricClient fabric) {
        return start(fabric, Duration.ofSeconds(10));
    }

    public static McpHarness start(FabricClient fabric, Duration heartbeat) {
        return start(fabric, heartbeat, UnaryOperator.identity());
    }

    /** A harness whose server writes through {@code serverOutput}. */
    public static McpHarness start(FabricClient fabric, Duration heartbeat, UnaryOperator<OutputStream> serverOutput) {
        try {
            return new McpHarness(fabric, heartbeat, serverOutput);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public McpAsyncClient client() {
        return client;
    }

    public FabricMcpServer fabricMcp() {
        return fabricMcp;
    }

    public InMemoryClientTransport transport() {
        return transport;
    }

    /** Calls a tool without a progress token and waits for the result. */
    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments)).block(Duration.ofSeconds(30));
    }

    /** Starts a tool call that asks for progress with the given token. */
    public Mono<McpSchema.CallToolResult> callWithProgress(String tool, Map<String, Object> arguments, Object token) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments, Map.of("progressToken", token)));
    }

    /** The next progress notification, waiting up to five seconds. */
    public McpSchema.ProgressNotification nextProgress() {
        return next(progress, "progress notification");
    }

    public McpSchema.LoggingMessageNotification nextLog() {
        return next(logs, "log notification");
    }

    /** Every progress and log notification received, in order of arrival. */
    public List<Object> arrivals() {
        return arrivals;
    }

    private static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(5, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("no " + what + " arrived within 5 seconds");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.closeGracefully().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        try {
            serving.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
