package dev.fabricmcp.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process emulator of Fabric's REST server ({@code fabric --serve}, v1.4.470) for tests: the routes
 * fabric-mcp calls, with Fabric's JSON shapes, error texts, authentication and {@code /chat} stream framing
 * (the facts of {@code docs/fabric-rest-api.md}, which its tests check), with in-memory patterns, contexts,
 * sessions, strategies, vendors and configuration, and no LLM: {@code /chat} answers with a predictable
 * text that echoes what it received, or with a {@link ChatScript} registered for the prompt's pattern.
 *
 * <pre>{@code
 * try (FabricEmulator fabric = FabricEmulator.builder().apiKey("secret").build().start()) {
 *     fabric.script("summarize", ChatScript.slowStream(200, Duration.ofMillis(50)));
 *     CompletableFuture<RecordedChat> next = fabric.nextChat();
 *     // ... point the client at fabric.uri() and send a /chat ...
 *     RecordedChat chat = next.get(5, TimeUnit.SECONDS);
 *     Instant goneAt = chat.clientGone().get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>Every request is recorded ({@link #requests()}); every {@code /chat} exchange additionally gets a
 * {@link RecordedChat} with the parsed request, each event and its write time, when the client went away
 * and how the response ended. A client that disconnects is only noticed at the next write (see
 * {@link RecordedChat}).
 *
 * <p>Requests are served by a cached thread pool, so hundreds of concurrent streaming responses are fine.
 * The emulator sets {@code sun.net.httpserver.nodelay=true} (unless already set) before its first server
 * starts, so small events are not held back by Nagle's algorithm. Wire differences that the JDK server
 * imposes: header names are sent as {@code Content-type} (HTTP header names are case-insensitive), and
 * {@code Date}/{@code Transfer-encoding} are added as in Go.
 */
public final class FabricEmulator implements AutoCloseable {

    static {
        // Must happen before the JDK's ServerConfig class reads it, i.e. before the first HttpServer.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorState state;
    private final String host;
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;
    private volatile URI uri;
    private boolean closed;

    private FabricEmulator(String host, int requestedPort, EmulatorState state) {
        this.host = host;
        this.requestedPort = requestedPort;
        this.state = state;
    }

    /** A builder with the defaults: 127.0.0.1, ephemeral port, no API key, the default content. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving.
     *
     * @return this emulator
     * @throws UncheckedIOException  if the address cannot be bound
     * @throws IllegalStateException if already started or closed
     */
    public synchronized FabricEmulator start() {
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        Router router = Routes.table();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + host + ":" + requestedPort, e);
        }
        executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new EmulatorHttpHandler(state, router));
        server.start();
        InetSocketAddress bound = server.getAddress();
        String uriHost = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        if (uriHost.contains(":")) {
            uriHost = "[" + uriHost + "]";
        }
        uri = URI.create("http://" + uriHost + ":" + bound.getPort());
        return this;
    }

    /** The base URI, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public URI uri() {
        URI u = uri;
        if (u == null) {
            throw new IllegalStateException("not started");
        }
        return u;
    }

    /** The URI of {@code path} (with or without a leading slash), e.g. {@code uri("/chat")}. */
    public URI uri(String path) {
        return URI.create(uri() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The bound port. */
    public int port() {
        return uri().getPort();
    }

    /** Stops serving: streaming answers are ended, connections closed, threads stopped. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        state.stop();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- scripting ------------------------------------------------------------------------------------------

    /** Answers every prompt naming {@code patternName} with {@code script} (replacing an earlier one). */
    public FabricEmulator script(String patternName, ChatScript script) {
        state.scripts.put(Objects.requireNonNull(patternName, "patternName"), Objects.requireNonNull(script));
        return this;
    }

    /** Answers every prompt without a pattern-specific script with {@code script}; {@code null} to undo. */
    public FabricEmulator scriptAll(ChatScript script) {
        state.scriptForAll = script;
        return this;
    }

    /** Removes all scripts: the emulator's own answers again. */
    public FabricEmulator clearScripts() {
        state.scripts.clear();
        state.scriptForAll = null;
        return this;
    }

    /**
     * Answers {@code method} {@code rawPath} (as sent, e.g. {@code /patterns/my%20pattern}) with canned answers in
     * place of the route's own, one per request, the last one for every request after. The request is recorded as
     * any other; an API key, when set, is still checked first.
     */
    public FabricEmulator answer(String method, String rawPath, Answer... answers) {
        if (answers.length == 0) {
            throw new IllegalArgumentException("no answer");
        }
        state.answer(method, rawPath, List.of(answers));
        return this;
    }

    /** Forgets every canned answer: the routes answer again. */
    public FabricEmulator clearAnswers() {
        state.clearAnswers();
        return this;
    }

    // ---- content --------------------------------------------------------------------------------------------

    /** Adds or replaces a pattern (its raw {@code system.md}). */
    public FabricEmulator putPattern(String name, String text) {
        state.patterns.put(name, text);
        return this;
    }

    /** Removes a pattern. */
    public FabricEmulator removePattern(String name) {
        state.patterns.remove(name);
        return this;
    }

    /** Adds or replaces a context. */
    public FabricEmulator putContext(String name, String content) {
        state.contexts.put(name, content);
        return this;
    }

    /** Adds or replaces a session file (a JSON array of messages, stored as given). */
    public FabricEmulator putSession(String name, String rawJson) {
        state.sessions.put(name, rawJson);
        return this;
    }

    /** The raw JSON of a session file (sessions are appended to by {@code /chat} with {@code sessionName}). */
    public Optional<String> session(String name) {
        return Optional.ofNullable(state.sessions.get(name));
    }

    /** Replaces the vendors and models. */
    public FabricEmulator models(ModelCatalog models) {
        state.models = Objects.requireNonNull(models);
        return this;
    }

    /** Replaces the {@code /config} values. */
    public FabricEmulator config(FabricConfig config) {
        state.config = Objects.requireNonNull(config);
        return this;
    }

    /** The current {@code /config} values (changed by {@code POST /config/update}). */
    public FabricConfig config() {
        return state.config;
    }

    /** Replaces the strategies; an empty list makes {@code GET /strategies} answer {@code null}. */
    public FabricEmulator strategies(List<FabricStrategy> strategies) {
        state.strategies = List.copyOf(strategies);
        return this;
    }

    /** What Fabric answers (500) when {@code yt-dlp} is not installed on its machine. */
    public static final String YT_DLP_MISSING = "yt-dlp not found in PATH. Please install yt-dlp to use YouTube"
            + " transcript functionality";

    /** What Fabric answers (500) for a video whose subtitles hold no text. */
    public static final String NO_TRANSCRIPT = "no transcript content found in VTT file";

    /**
     * Makes {@code POST /youtube/transcript} fail with 500 {@code {"error": message}}, as Fabric does when it
     * cannot fetch a transcript (yt-dlp missing, say); {@code null} to undo.
     */
    public FabricEmulator youtubeFailure(String message) {
        state.youtubeFailure = message;
        return this;
    }

    /** Sets the pause between the words of the emulator's own answers. */
    public FabricEmulator wordDelay(Duration delay) {
        state.wordDelay = Objects.requireNonNull(delay);
        return this;
    }

    // ---- the record -----------------------------------------------------------------------------------------

    /** Every request received so far, in arrival order (a snapshot). */
    public List<RecordedRequest> requests() {
        return state.log.requests();
    }

    /** Every {@code POST /chat} exchange so far, in arrival order (a snapshot; the chats keep updating). */
    public List<RecordedChat> chats() {
        return state.log.chats();
    }

    /** Forgets the recorded requests and chats. */
    public void clearRecords() {
        state.log.clear();
    }

    /** Completes with the next {@code /chat} exchange to arrive after this call. */
    public CompletableFuture<RecordedChat> nextChat() {
        return state.log.nextChat();
    }

    /**
     * Waits until a recorded chat (already there or still to come) satisfies {@code condition}; the
     * condition is re-checked whenever anything is recorded, e.g.
     * {@code awaitChat(c -> c.clientGoneAt().isPresent(), Duration.ofSeconds(5))}.
     */
    public RecordedChat awaitChat(Predicate<? super RecordedChat> condition, Duration timeout)
            throws TimeoutException, InterruptedException {
        return state.log.await(state.log::chats, condition, timeout, "chat");
    }

    /** Waits until a recorded request satisfies {@code condition}. */
    public RecordedRequest awaitRequest(Predicate<? super RecordedRequest> condition, Duration timeout)
            throws TimeoutException, InterruptedException {
        return state.log.await(state.log::requests, condition, timeout, "request");
    }

    /** Waits until at least {@code count} recorded requests satisfy {@code condition}; returns all that do. */
    public List<RecordedRequest> awaitRequests(int count, Predicate<? super RecordedRequest> condition,
            Duration timeout) throws TimeoutException, InterruptedException {
        return state.log.await(() -> List.of(state.log.requests().stream().filter(condition).toList()),
                found -> found.size() >= count, timeout, count + " requests");
    }

    /** Requests whose canned answer was still being written when the client closed its connection. */
    public List<RecordedRequest> abandoned() {
        return state.log.abandoned();
    }

    /**
     * Waits until the client of a canned answer that holds its body open ({@link Answer#thenKeepAlive}) closed its
     * connection, for a request that satisfies {@code condition}.
     */
    public RecordedRequest awaitAbandoned(Predicate<? super RecordedRequest> condition, Duration timeout)
            throws TimeoutException, InterruptedException {
        return state.log.await(state.log::abandoned, condition, timeout, "abandoned answer");
    }

    /** Daemon threads: a forgotten emulator never keeps a test JVM alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fabric-emulator-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Configures a {@link FabricEmulator}. Defaults: host {@code 127.0.0.1}, port 0 (ephemeral), no API key,
     * the emulator's 26 patterns ({@link DefaultContent#patterns()}), Fabric's shipped strategies,
     * {@link ModelCatalog#defaults()}, {@link FabricConfig#defaults()}, no contexts, no sessions, 5 ms between
     * words, config directory {@code /home/fabric/.config/fabric} (it appears in error texts).
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        /** What the emulator will serve, filled in by the builder's methods and handed over by {@link #build()}. */
        private EmulatorState state = new EmulatorState();

        /** Applies one change to the content and returns this builder. */
        private Builder with(Runnable change) {
            change.run();
            return this;
        }

        private Builder() {
            state.patterns.putAll(DefaultContent.patterns());
            state.strategies = FabricStrategy.shipped();
            state.models = ModelCatalog.defaults();
            state.config = FabricConfig.defaults();
            state.wordDelay = Duration.ofMillis(5);
        }

        /** The address to bind; {@code 0.0.0.0} for every interface. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port; 0 picks a free one (see {@link FabricEmulator#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /** Requires {@code X-API-Key: key} on every request; {@code null} or empty for no authentication. */
        public Builder apiKey(String key) {
            return with(() -> state.apiKey = key == null ? "" : key);
        }

        /** Replaces all patterns (name to raw {@code system.md}); an empty map means none. */
        public Builder patterns(Map<String, String> patterns) {
            return with(() -> {
                state.patterns.clear();
                state.patterns.putAll(patterns);
            });
        }

        /** Adds or replaces one pattern. */
        public Builder pattern(String name, String text) {
            return with(() -> state.patterns.put(name, text));
        }

        /** Replaces the strategies; an empty list makes {@code GET /strategies} answer {@code null}. */
        public Builder strategies(List<FabricStrategy> strategies) {
            return with(() -> state.strategies = List.copyOf(strategies));
        }

        /** Simulates a missing strategies directory: 500 {@code {"error":"Failed to read strategies directory"}}. */
        public Builder strategiesDirectoryMissing() {
            return with(() -> state.strategiesDirectoryMissing = true);
        }

        /** The vendors and models (and the default vendor/model). */
        public Builder models(ModelCatalog models) {
            return with(() -> state.models = Objects.requireNonNull(models));
        }

        /** The {@code /config} values and whether they are masked. */
        public Builder config(FabricConfig config) {
            return with(() -> state.config = Objects.requireNonNull(config));
        }

        /** The pause between words of the emulator's own answers. */
        public Builder wordDelay(Duration delay) {
            return with(() -> state.wordDelay = Objects.requireNonNull(delay));
        }

        /** The Fabric configuration directory named in error texts. */
        public Builder configDir(String dir) {
            return with(() -> state.configDir = Objects.requireNonNull(dir));
        }

        /** The transcript {@code POST /youtube/transcript} returns. */
        public Builder youtubeTranscript(String transcript) {
            return with(() -> state.youtubeTranscript = Objects.requireNonNull(transcript));
        }

        /** Registers a script for a pattern (see {@link FabricEmulator#script(String, ChatScript)}). */
        public Builder script(String patternName, ChatScript script) {
            return with(() -> state.scripts.put(Objects.requireNonNull(patternName), Objects.requireNonNull(script)));
        }

        /** Registers a script for every prompt without a pattern-specific one. */
        public Builder scriptAll(ChatScript script) {
            return with(() -> state.scriptForAll = script);
        }

        /** Creates the emulator (not started). A builder builds one emulator: its content is handed over. */
        public FabricEmulator build() {
            if (state == null) {
                throw new IllegalStateException("this builder has built its emulator already");
            }
            FabricEmulator emulator = new FabricEmulator(host, port, state);
            state = null;
            return emulator;
        }
    }
}
