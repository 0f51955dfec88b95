package dev.fabricmcp.core.transport;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.cancel.Cancellation;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.features.DirectRequests;
import dev.fabricmcp.core.protocol.Inbound;
import dev.fabricmcp.core.protocol.JsonRpc;
import dev.fabricmcp.core.protocol.ModernDispatcher;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stdin and stdout, both eras: the front door reads every line itself, answers whatever is not a message
 * with a JSON-RPC error and goes on reading, sends modern requests to the {@link ModernDispatcher} and legacy
 * traffic (initialize, then a session) to the SDK's server. {@code notifications/cancelled} of either era stops
 * the call it names.
 *
 * <p>Each message is written as one line with one write, by the thread that sends it (the stdin reader's through a
 * writer thread); a send completes only once written, so a client that reads slowly slows the relay and, through
 * it, the read from Fabric. At end of input the calls still running are stopped and every response already due is
 * written before {@link #serve} returns.
 */
public final class StdioTransport implements AutoCloseable {

    /** The longest line read (the SDK's own limit). */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** How long the end waits for the responses still due. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    private final McpJsonMapper mapper = FabricMcpServer.jsonMapper();
    private final InputStream in;
    private final OutputStream out;
    private final RunningCalls runningCalls;
    private final ModernDispatcher modern;
    private final McpAsyncServer legacyServer;
    private final DirectRequests direct;
    /** Writes what the stdin reader sends; never interrupted, so a cancelled send cannot cut a line. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fabric-mcp-stdout");
        thread.setDaemon(true);
        return thread;
    });
    /** The requests read whose response is not written yet. */
    private final Set<Object> due = ConcurrentHashMap.newKeySet();
    private volatile McpServerSession session;
    private volatile boolean initialized;
    private final java.util.concurrent.atomic.AtomicBoolean initializedNotified =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopping;
    /** The thread in {@link #serve}. */
    private volatile Thread reading;

    private StdioTransport(FabricMcpServer server, InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        this.runningCalls = server.runningCalls();
        this.modern = server.modern();
        this.direct = server.directRequests();
        this.legacyServer = server.legacy(new LegacyProvider());
    }

    /** A transport over these streams, ready to {@link #serve}. */
    public static StdioTransport of(FabricMcpServer server, InputStream in, OutputStream out) {
        return new StdioTransport(server, in, out);
    }

    private String scope() {
        return session.getId();
    }

    /** Reads and answers until stdin ends, then stops the calls still running and writes what is due. */
    public void serve() {
        reading = Thread.currentThread();
        LineReader lines = new LineReader(in, MAX_LINE_BYTES);
        try {
            for (LineReader.Line line; !stopping && (line = lines.next()) != null; ) {
                accept(line);
            }
        } catch (IOException e) {
            LOG.info("stdin could not be read any more: {}", e.getMessage());
        }
        finish("the client closed stdin");
    }

    /** Stops (the JVM is asked to stop): the calls running answer with what they have, then the end is written. */
    @Override
    public void close() {
        stopping = true;
        finish("the server is stopping");
    }

    private void finish(String reason) {
        runningCalls.cancelSession(scope(), reason);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        synchronized (due) {
            while (!due.isEmpty() && System.nanoTime() < deadline) {
                try {
                    due.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!due.isEmpty()) {
            LOG.warn("{} response(s) were still due when stdio closed", due.size());
        }
        try {
            // The writer works in order: once this no-op ran, every message handed to it before is written.
            CompletableFuture.runAsync(() -> {
            }, writer).get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stdout did not take the last messages in time");
        }
        session.close();
    }

    private void accept(LineReader.Line line) {
        if (line instanceof LineReader.NotUtf8) {
            send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the line is not valid UTF-8"));
            return;
        }
        if (line instanceof LineReader.TooLong tooLong) {
            send(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: the line is longer than "
                    + (tooLong.maxBytes() >> 20) + " MiB"));
            return;
        }
        String text = ((LineReader.Text) line).text();
        if (text.isBlank()) {
            return; // Not a message, and nothing to answer: a stray newline must not disturb a run.
        }
        Inbound inbound = Inbound.read(mapper, text);
        if (inbound instanceof Inbound.Invalid invalid) {
            send(invalid.error());
            return;
        }
        route((Inbound.Message) inbound);
    }

    private void route(Inbound.Message message) {
        if (message.message() instanceof McpSchema.JSONRPCNotification
                && Cancellation.METHOD.equals(message.method())) {
            Cancellation.of(message.params())
                    .ifPresent(c -> runningCalls.cancel(scope(), c.requestId(), c.reason()));
            return;
        }
        Object id = message.requestId();
        if (id != null && !due.add(id)) {
            send(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid request: id " + id
                    + " is already in use by a request still running"));
            return;
        }
        if (ModernDispatcher.isModern(message)) {
            if (id != null) {
                modern.handle(message, scope(), (method, params) -> write(JsonRpc.notification(method, params)))
                        .flatMap(this::write)
                        .doFinally(signal -> settled(id))
                        .subscribe(null, e -> LOG.warn("A modern request failed unexpectedly", e));
            }
            return;
        }
        String method = message.method();
        if (id != null && !initialized && McpSchema.METHOD_PING.equals(method)) {
            // Allowed before initialize, but the SDK's session answers nothing until then.
            send(JsonRpc.result(id, Map.of()));
            settled(id);
            return;
        }
        if (id != null && !initialized && !McpSchema.METHOD_INITIALIZE.equals(method)) {
            send(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid request: " + method + " before initialize;"
                    + " send initialize first (MCP 2025-11-25), or give every request"
                    + " _meta." + ModernDispatcher.META_PROTOCOL_VERSION + " \"" + ModernDispatcher.PROTOCOL_VERSION
                    + "\" (MCP " + ModernDispatcher.PROTOCOL_VERSION + ")"));
            settled(id);
            return;
        }
        if (McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(method) && !initializedNotified.compareAndSet(false, true)) {
            return; // Already given to the session on the client's behalf, below.
        }
        Mono<Void> handled = direct.handles(message.message())
                ? direct.answer((McpSchema.JSONRPCRequest) message.message()).flatMap(this::write)
                : session.handle(message.message());
        if (McpSchema.METHOD_INITIALIZE.equals(method)) {
            initialized = true;
            // The SDK holds every request until notifications/initialized arrives, so a client that sends its
            // requests right after initialize (printf '<initialize>\n<tools/list>\n' | fabric-mcp) would wait
            // for ever: once initialize is answered, the session is told the client is ready.
            handled = handled.then(Mono.defer(() -> initializedNotified.compareAndSet(false, true)
                    ? session.handle(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                            McpSchema.METHOD_NOTIFICATION_INITIALIZED, null))
                    : Mono.empty()));
        }
        if (id != null) {
            handled = handled.contextWrite(ctx -> ctx.put(McpTransportContext.KEY,
                    McpTransportContext.create(Map.of(RunningCalls.REQUEST_ID_KEY, id))));
        }
        handled.doFinally(signal -> {
            if (id != null) {
                settled(id);
            }
        }).subscribe(null, e -> LOG.warn("The SDK failed to handle {}", method, e));
    }

    private void settled(Object id) {
        synchronized (due) {
            due.remove(id);
            due.notifyAll();
        }
    }

    /** Writes a message the front door answers by itself. */
    private void send(Object message) {
        write(message).subscribe(null, e -> LOG.debug("Could not write to stdout: {}", e.getMessage()));
    }

    /**
     * Writes one message as a line; completes once it is flushed to stdout. The thread that sends writes, so a
     * chunk goes out from the thread that read it from Fabric without waking another (docs/benchmarks.md, "Sparse
     * streams: the wake-ups of one chunk"), and a client that reads slowly holds back that sender only. The thread
     * that reads stdin never writes: a client that writes without reading must not stall its own requests, so
     * what it sends goes through the writer thread. Nor does a thread with an interrupt pending (a pool's worker
     * whose previous task was cancelled): on an interruptible stream (a channel's) its write would close stdout.
     */
    private Mono<Void> write(Object message) {
        return Mono.defer(() -> {
            if (Thread.currentThread() != reading && !Thread.currentThread().isInterrupted()) {
                writeLine(message);
                return Mono.empty();
            }
            // A send its caller cancels is still written whole: suppressCancel.
            return Mono.fromFuture(() -> CompletableFuture.runAsync(() -> writeLine(message), writer), true);
        });
    }

    /** The message and its newline in one write: one system call, and the client wakes once, for a whole line. */
    private void writeLine(Object message) {
        try {
            byte[] json = mapper.writeValueAsBytes(message);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            synchronized (out) {
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The legacy SDK server's view of stdio: one session, whose messages go through {@link #write}. */
    private final class LegacyProvider implements McpServerTransportProvider {
        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            session = factory.create(new SessionTransport());
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return session.sendNotification(method, params);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public List<String> protocolVersions() {
            return FabricMcpServer.LEGACY_VERSIONS;
        }
    }

    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return write(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return mapper.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public void close() {
        }

        @Override
        public List<String> protocolVersions() {
            return new LegacyProvider().protocolVersions();
        }
    }

    /** The SDK server built on this transport, for callers that add to it. */
    McpAsyncServer legacyServer() {
        return legacyServer;
    }
}
