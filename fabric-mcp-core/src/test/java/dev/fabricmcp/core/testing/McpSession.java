package dev.fabricmcp.core.testing;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * The one MCP session helper of the tests: the MCP Java SDK's client connected to a fabric-mcp server (a child
 * process, or one running in memory) over stdio or Streamable HTTP, with every progress and log notification kept
 * together with the moment it arrived, and the ids of its tool calls, so that a test can cancel one.
 */
public final class McpSession implements AutoCloseable {

    /** A notification and when this client received it. */
    public record Arrival<T>(T notification, Instant at) {
    }

    private final McpAsyncClient client;
    private final McpClientTransport transport;
    private final List<Object> toolCallIds = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Arrival<McpSchema.ProgressNotification>> progress = new LinkedBlockingQueue<>();
    private final BlockingQueue<Arrival<McpSchema.LoggingMessageNotification>> logs = new LinkedBlockingQueue<>();
    private final List<Object> arrivals = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Arrival<List<McpSchema.Prompt>>> promptLists = new LinkedBlockingQueue<>();

    private McpSession(McpClientTransport transport) {
        this.transport = transport;
        this.client = McpClient.async(recordingToolCalls(transport))
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(n -> Mono.fromRunnable(() -> {
                    arrivals.add(n);
                    progress.add(new Arrival<>(n, Instant.now()));
                }))
                .loggingConsumer(n -> Mono.fromRunnable(() -> {
                    arrivals.add(n);
                    logs.add(new Arrival<>(n, Instant.now()));
                }))
                // The SDK lists the prompts again on notifications/prompts/list_changed and hands over the list.
                .promptsChangeConsumer(p -> Mono.fromRunnable(() -> promptLists.add(new Arrival<>(p, Instant.now()))))
                .build();
        client.initialize().block(Duration.ofSeconds(30));
    }

    public static McpJsonMapper mapper() {
        return McpJsonDefaults.getMapper();
    }

    /** A session over a stdio server: what it writes ({@code stdout}) and what it reads ({@code stdin}). */
    public static McpSession stdio(InputStream stdout, OutputStream stdin) {
        return new McpSession(new StdioClientTransport(stdout, stdin, mapper()));
    }

    /** A session over Streamable HTTP to the server's endpoint, with extra request headers. */
    public static McpSession http(URI endpoint, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        return new McpSession(HttpClientStreamableHttpTransport
                .builder(endpoint.getScheme() + "://" + endpoint.getAuthority())
                .endpoint(endpoint.getPath())
                .requestBuilder(request)
                .jsonMapper(mapper())
                .build());
    }

    public McpAsyncClient client() {
        return client;
    }

    /** Calls a tool without a progress token and waits for the result. */
    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build())
                .block(Duration.ofSeconds(60));
    }

    /** Starts a call that asks for progress with this token. */
    public Mono<McpSchema.CallToolResult> callWithProgress(String tool, Map<String, Object> arguments, Object token) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).progressToken(token)
                .build());
    }

    /** The ids of the {@code tools/call} requests sent so far, in order. */
    public List<Object> toolCallIds() {
        return List.copyOf(toolCallIds);
    }

    /** Sends {@code notifications/cancelled} for the n-th {@code tools/call} of this session (0-based). */
    public void cancelToolCall(int index) {
        cancel(toolCallIds.get(index));
    }

    /** Sends {@code notifications/cancelled} for a request id, as a client that gives up on a call does. */
    public void cancel(Object requestId) {
        // The SDK client cannot cancel a call; its transport can still carry the notification.
        transport.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                "notifications/cancelled", Map.of("requestId", requestId, "reason", "the user pressed stop")))
                .block(Duration.ofSeconds(10));
    }

    /** The stdio transport, for tests that close stdin or check stdout hygiene. */
    public StdioClientTransport stdioTransport() {
        return (StdioClientTransport) transport;
    }

    /** The prompts as listed after the next {@code notifications/prompts/list_changed}. */
    public Arrival<List<McpSchema.Prompt>> nextPromptList(Duration timeout) {
        return poll(promptLists, timeout, "prompt list change");
    }

    /** The next progress notification, waiting up to five seconds. */
    public McpSchema.ProgressNotification nextProgress() {
        return nextProgress(Duration.ofSeconds(5)).notification();
    }

    /** The next log notification, waiting up to five seconds. */
    public McpSchema.LoggingMessageNotification nextLog() {
        return nextLog(Duration.ofSeconds(5)).notification();
    }

    /** Every progress and log notification received, in order of arrival. */
    public List<Object> arrivals() {
        return arrivals;
    }

    public Arrival<McpSchema.ProgressNotification> nextProgress(Duration timeout) {
        return poll(progress, timeout, "progress notification");
    }

    public Arrival<McpSchema.LoggingMessageNotification> nextLog(Duration timeout) {
        return poll(logs, timeout, "log notification");
    }

    /** Everything received so far, without waiting. */
    public List<Arrival<McpSchema.ProgressNotification>> drainProgress() {
        List<Arrival<McpSchema.ProgressNotification>> all = new CopyOnWriteArrayList<>();
        progress.drainTo(all);
        return all;
    }

    public List<Arrival<McpSchema.LoggingMessageNotification>> drainLogs() {
        List<Arrival<McpSchema.LoggingMessageNotification>> all = new CopyOnWriteArrayList<>();
        logs.drainTo(all);
        return all;
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout, String what) {
        try {
            T item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.closeGracefully().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
    }

    /**
     * {@code transport}, remembering the ids of the {@code tools/call} requests the SDK client sends through it; every
     * call, whatever the method, goes on to {@code transport} unchanged.
     */
    private McpClientTransport recordingToolCalls(McpClientTransport transport) {
        InvocationHandler forward = (proxy, method, args) -> {
            if (method.getName().equals("sendMessage") && args[0] instanceof McpSchema.JSONRPCRequest request
                    && "tools/call".equals(request.method())) {
                toolCallIds.add(request.id());
            }
            try {
                return method.invoke(transport, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (McpClientTransport) Proxy.newProxyInstance(McpClientTransport.class.getClassLoader(),
                new Class<?>[] {McpClientTransport.class}, forward);
    }
}
