package dev.fabricmcp.client;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client of Fabric's REST API ({@code fabric --serve}). Immutable and thread-safe: build one per process and
 * share it.
 *
 * <pre>{@code
 * FabricClient fabric = FabricClient.builder().baseUri(URI.create("http://127.0.0.1:8080")).build();
 * List<String> patterns = fabric.listPatternNames();
 * ChatAnswer answer = fabric.chat(ChatRequest.ofPattern("summarize", text), System.out::print).join();
 * }</pre>
 *
 * <p>Every method but the two {@code chat} methods blocks until Fabric answers and throws a {@link FabricException} subtype when
 * it cannot return a result. GETs are tried again on connect failures and 502/503/504; {@code /chat} never is.
 * Names that go into a URL path are checked first: an empty name, or one with {@code /}, {@code \}, {@code ..} or a
 * control character, gets an {@link IllegalArgumentException} and no request is made.
 */
public final class FabricClient {

    /**
     * The version of fabric-mcp this library belongs to, as Maven built it ({@code version.properties}); {@code dev}
     * when run without the built resources, from an IDE say.
     */
    public static final String VERSION = readVersion();

    /** Fabric's default address. */
    public static final URI DEFAULT_BASE_URI = URI.create("http://127.0.0.1:8080");

    /** The default of {@link Builder#maxResponseBytes}: 16 MiB, far above any pattern list or answer seen. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    /** The least {@link Builder#maxResponseBytes} accepted. */
    public static final long MIN_RESPONSE_BYTES = 1024;
    /** The most {@link Builder#maxResponseBytes} accepted. */
    public static final long MAX_RESPONSE_BYTES = 1024L * 1024 * 1024;

    private static final String API_KEY_HEADER = "X-API-Key";
    private static final Gson GSON = new Gson();

    private final URI baseUri;
    private final String apiKey;
    private final Duration requestTimeout;
    private final Duration streamIdleTimeout;
    private final long maxResponseBytes;
    private final HttpClient httpClient;
    private final RetryPolicy retryPolicy;

    private FabricClient(Builder builder) {
        this.baseUri = builder.baseUri;
        this.apiKey = builder.apiKey;
        this.requestTimeout = builder.requestTimeout;
        this.streamIdleTimeout = builder.streamIdleTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.retryPolicy = builder.retryPolicy;
        this.httpClient = builder.httpClient != null ? builder.httpClient
                : newHttpClient(builder.baseUri, builder.connectTimeout);
    }

    /**
     * The JDK client a {@code FabricClient} uses unless {@link Builder#httpClient} gives one: HTTP/1.1, redirects not
     * followed, and for an {@code http://} Fabric no TLS set-up at all (the JDK's default would read the whole trust
     * store while the client is built, for connections it never opens).
     *
     * @param baseUri        Fabric's address
     * @param connectTimeout how long to wait for a connection
     */
    public static HttpClient newHttpClient(URI baseUri, Duration connectTimeout) {
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equalsIgnoreCase(baseUri.getScheme())) {
            client.sslContext(new PlainHttpTls());
        }
        return client.build();
    }

    /** A builder with Fabric's default address, no API key and the default timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Fabric address this client calls. */
    public URI baseUri() {
        return baseUri;
    }

    /** Whether this client sends an API key. The key itself is never exposed. */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** How long a {@code /chat} stream may stay silent before it fails with {@code IDLE_TIMEOUT}. */
    public Duration streamIdleTimeout() {
        return streamIdleTimeout;
    }

    /** The most bytes of an answer this client reads before it gives up on the answer. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** {@code GET /patterns/names}: every pattern's name, as Fabric orders them. */
    public List<String> listPatternNames() {
        return await(listPatternNamesAsync());
    }

    /** {@link #listPatternNames()} without blocking; cancelling the future closes the connection to Fabric. */
    public CompletableFuture<List<String>> listPatternNamesAsync() {
        return namesAsync("/patterns/names", "the pattern names");
    }

    /**
     * {@code GET /patterns/{name}}: the pattern with its raw system prompt.
     *
     * @throws FabricNotFoundException when Fabric has no such pattern
     */
    public Pattern getPattern(String name) {
        return await(getPatternAsync(name));
    }

    /** {@link #getPattern(String)} without blocking; cancelling the future closes the connection to Fabric. */
    public CompletableFuture<Pattern> getPatternAsync(String name) {
        URI uri = resolve("/patterns/" + PathNames.segment("pattern name", name));
        return getAsync(uri, body -> pattern(uri, body));
    }

    /**
     * {@code POST /patterns/{name}/apply}: the pattern with {@code {{input}}} and the variables filled in, without
     * running it.
     */
    public Pattern applyPattern(String name, String input, Map<String, String> variables) {
        URI uri = resolve("/patterns/" + PathNames.segment("pattern name", name) + "/apply");
        JsonObject body = new JsonObject();
        body.addProperty("input", Objects.requireNonNull(input, "input"));
        body.add("variables", GSON.toJsonTree(Map.copyOf(variables)));
        return pattern(uri, post(uri, body.toString()));
    }

    /** {@code GET /models/names}: the models of every configured vendor. */
    public ModelCatalog listModels() {
        return await(listModelsAsync());
    }

    /** {@link #listModels()} without blocking; cancelling the future closes the connection to Fabric. */
    public CompletableFuture<ModelCatalog> listModelsAsync() {
        return getObjectAsync("/models/names", "the model list", (shapes, json) -> {
            List<String> models = shapes.stringList(json.get("models"), "models");
            Map<String, List<String>> vendors = new LinkedHashMap<>();
            JsonElement vendorJson = json.get("vendors");
            if (vendorJson != null && !vendorJson.isJsonNull()) {
                for (Map.Entry<String, JsonElement> vendor : shapes.object(vendorJson, "vendors").entrySet()) {
                    vendors.put(vendor.getKey(), shapes.stringList(vendor.getValue(), "vendors." + vendor.getKey()));
                }
            }
            return new ModelCatalog(models, vendors);
        });
    }

    /** {@code GET /strategies}: the installed prompting strategies. */
    public List<Strategy> listStrategies() {
        return await(listStrategiesAsync());
    }

    /** {@link #listStrategies()} without blocking; cancelling the future closes the connection to Fabric. */
    public CompletableFuture<List<Strategy>> listStrategiesAsync() {
        URI uri = resolve("/strategies");
        return getAsync(uri, body -> strategies(uri, body));
    }

    private static List<Strategy> strategies(URI uri, String body) {
        JsonShapes shapes = new JsonShapes(uri);
        JsonElement json = shapes.parse(body);
        if (json.isJsonNull()) {
            return List.of();
        }
        if (!json.isJsonArray()) {
            throw shapes.problem("expected the strategies to be a JSON array, got " + JsonShapes.kind(json));
        }
        List<Strategy> strategies = new ArrayList<>();
        for (int i = 0; i < json.getAsJsonArray().size(); i++) {
            String what = "strategies[" + i + "]";
            JsonObject item = shapes.object(json.getAsJsonArray().get(i), what);
            strategies.add(new Strategy(shapes.string(item, "name", what),
                    shapes.optionalString(item, "description", what), shapes.optionalString(item, "prompt", what)));
        }
        return List.copyOf(strategies);
    }

    /**
     * {@code GET /config}: Fabric's vendor settings, as Fabric sends them. Recent Fabric masks API keys, older Fabric
     * returns them in clear: treat the values as secrets.
     */
    public Map<String, String> getConfiguration() {
        return await(getConfigurationAsync());
    }

    /**
     * {@link #getConfiguration()} without blocking; cancelling the future closes the connection to Fabric. A failure
     * never quotes the body: it may hold API keys.
     */
    public CompletableFuture<Map<String, String>> getConfigurationAsync() {
        URI uri = resolve("/config");
        HttpRequest request = getRequest(uri);
        return parsed(FabricCall.start(httpClient, request, retryPolicy, requestTimeout, maxBodyBytes(), true),
                body -> {
                    JsonShapes shapes = JsonShapes.ofSecrets(uri);
                    return shapes.scalarMap(shapes.parse(body), "the configuration");
                });
    }

    /** {@code GET /contexts/names}: every context's name. */
    public List<String> listContextNames() {
        return names("/contexts/names", "the context names");
    }

    /**
     * {@code GET /contexts/{name}}.
     *
     * @throws FabricNotFoundException when Fabric has no such context
     */
    public FabricContext getContext(String name) {
        return getObject("/contexts/" + PathNames.segment("context name", name), "the context",
                (shapes, json) -> new FabricContext(shapes.string(json, "Name", "the context"),
                        shapes.string(json, "Content", "the context")));
    }

    /** {@code GET /sessions/names}: every session's name. */
    public List<String> listSessionNames() {
        return names("/sessions/names", "the session names");
    }

    /** {@code GET /sessions/{name}}: a session Fabric does not have comes back with no messages. */
    public FabricSession getSession(String name) {
        return getObject("/sessions/" + PathNames.segment("session name", name), "the session", (shapes, json) -> {
            List<FabricSession.Message> messages = new ArrayList<>();
            JsonElement list = json.get("Messages");
            if (list != null && !list.isJsonNull()) {
                if (!list.isJsonArray()) {
                    throw shapes.problem("expected the session's Messages to be an array, got "
                            + JsonShapes.kind(list));
                }
                for (int i = 0; i < list.getAsJsonArray().size(); i++) {
                    String what = "Messages[" + i + "]";
                    JsonObject message = shapes.object(list.getAsJsonArray().get(i), what);
                    messages.add(new FabricSession.Message(shapes.string(message, "role", what),
                            shapes.optionalString(message, "content", what)));
                }
            }
            return new FabricSession(shapes.string(json, "Name", "the session"), messages);
        });
    }

    /** {@code POST /youtube/transcript}: the transcript of a YouTube video (Fabric needs {@code yt-dlp}). */
    public YouTubeTranscript getYouTubeTranscript(String videoUrl, String language, boolean timestamps) {
        URI uri = resolve("/youtube/transcript");
        JsonObject body = new JsonObject();
        body.addProperty("url", Objects.requireNonNull(videoUrl, "videoUrl"));
        body.addProperty("language", language == null || language.isBlank() ? "en" : language);
        body.addProperty("timestamps", timestamps);
        JsonShapes shapes = new JsonShapes(uri);
        JsonObject json = shapes.object(shapes.parse(post(uri, body.toString())), "the transcript");
        return new YouTubeTranscript(shapes.string(json, "transcript", "the transcript"),
                shapes.optionalString(json, "videoId", "the transcript"),
                shapes.optionalString(json, "title", "the transcript"),
                shapes.optionalString(json, "description", "the transcript"));
    }

    /**
     * {@code POST /chat}: runs the request and publishes Fabric's events as they arrive. The request is sent when a
     * subscriber subscribes (one subscriber per call).
     *
     * <ul>
     *   <li>{@code onNext} gets each {@code content}, {@code usage} and {@code complete} event as soon as it is
     *       whole; bytes are read only as fast as the subscriber requests chunks.</li>
     *   <li>{@code onComplete} follows when the body ends right after a {@code complete} event.</li>
     *   <li>{@code onError} gets a {@link FabricStreamException} for an {@code error} event, a malformed event, a
     *       body that ends without {@code complete}, a lost connection or a stream silent for longer than
     *       {@link #streamIdleTimeout()}; or a {@link FabricUnreachableException},
     *       {@link FabricAuthenticationException} or {@link FabricHttpException} when the stream never started.</li>
     *   <li>{@code Subscription.cancel()} aborts the HTTP exchange: Fabric sees the connection close.</li>
     * </ul>
     */
    public Flow.Publisher<FabricChunk> chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        for (ChatPrompt prompt : request.prompts()) {
            PathNames.checkOptional("pattern name", prompt.patternName());
            PathNames.checkOptional("context name", prompt.contextName());
            PathNames.checkOptional("session name", prompt.sessionName());
            PathNames.checkOptional("strategy name", prompt.strategyName());
        }
        HttpRequest http = requestTo(resolve("/chat"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream, text/readystream")
                .POST(HttpRequest.BodyPublishers.ofString(ChatRequestJson.toJson(request), StandardCharsets.UTF_8))
                .build();
        return new ChatStream(httpClient, http, streamIdleTimeout, maxResponseBytes, IdleTimeouts.SHARED);
    }

    /**
     * {@code POST /chat}, the simple way: runs the request, hands the text of each content chunk to
     * {@code onContent} the moment it arrives (on the thread reading the stream, so a slow callback slows the read),
     * and completes with the whole answer when the stream ends.
     *
     * <p>The returned future fails with the same exceptions as {@link #chat(ChatRequest)} signals, or with what
     * {@code onContent} threw. Cancelling it closes the connection, which tells Fabric to stop the model.
     */
    public CompletableFuture<ChatAnswer> chat(ChatRequest request, Consumer<String> onContent) {
        AnswerSubscriber subscriber = new AnswerSubscriber(Objects.requireNonNull(onContent, "onContent"));
        chat(request).subscribe(subscriber);
        return subscriber.answer();
    }

    // ---- plumbing ----

    private Pattern pattern(URI uri, String body) {
        JsonShapes shapes = new JsonShapes(uri);
        JsonObject json = shapes.object(shapes.parse(body), "the pattern");
        return new Pattern(shapes.string(json, "Name", "the pattern"),
                shapes.string(json, "Description", "the pattern"), shapes.string(json, "Pattern", "the pattern"));
    }

    private URI resolve(String path) {
        String base = baseUri.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    private HttpRequest.Builder requestTo(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("User-Agent", UserAgent.VALUE);
        if (apiKey != null) {
            request.header(API_KEY_HEADER, apiKey);
        }
        return request;
    }

    private HttpRequest getRequest(URI uri) {
        return requestTo(uri).header("Accept", "application/json").GET().build();
    }

    private String get(URI uri) {
        return await(FabricCall.start(httpClient, getRequest(uri), retryPolicy, requestTimeout, maxBodyBytes(), false));
    }

    /** A GET whose body {@code parse} turns into the result; cancelling the result cancels the call. */
    private <T> CompletableFuture<T> getAsync(URI uri, Function<String, T> parse) {
        return parsed(FabricCall.start(httpClient, getRequest(uri), retryPolicy, requestTimeout, maxBodyBytes(), false),
                parse);
    }

    private static <T> CompletableFuture<T> parsed(CompletableFuture<String> call, Function<String, T> parse) {
        CompletableFuture<T> result = call.thenApply(parse);
        // A dependent future does not pass its cancellation upstream: do it, so that the exchange is aborted.
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    private String post(URI uri, String json) {
        HttpRequest request = requestTo(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return await(FabricCall.start(httpClient, request, RetryPolicy.NONE, requestTimeout, maxBodyBytes(), false));
    }

    private int maxBodyBytes() {
        return (int) maxResponseBytes;
    }

    /** Waits for a call: its failure is thrown as it is; an interrupt cancels the call. */
    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for Fabric");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** {@code GET path}: its JSON object (called {@code what} in problems), read by {@code read}. */
    private <T> T getObject(String path, String what, BiFunction<JsonShapes, JsonObject, T> read) {
        return await(getObjectAsync(path, what, read));
    }

    private <T> CompletableFuture<T> getObjectAsync(String path, String what,
                                                    BiFunction<JsonShapes, JsonObject, T> read) {
        URI uri = resolve(path);
        return getAsync(uri, body -> {
            JsonShapes shapes = new JsonShapes(uri);
            return read.apply(shapes, shapes.object(shapes.parse(body), what));
        });
    }

    /** A route that answers a list of names ({@code null} for none, as some of Fabric's routes do). */
    private List<String> names(String path, String what) {
        return await(namesAsync(path, what));
    }

    private CompletableFuture<List<String>> namesAsync(String path, String what) {
        URI uri = resolve(path);
        return getAsync(uri, body -> {
            JsonShapes shapes = new JsonShapes(uri);
            return shapes.stringList(shapes.parse(body), what);
        });
    }

    private static String readVersion() {
        try (InputStream in = FabricClient.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code User-Agent} this client sends: the project and its version. */
    static final class UserAgent {
        static final String VALUE = "fabric-mcp/" + VERSION + " (java.net.http)";

        private UserAgent() {
        }
    }

    /** Builds a {@link FabricClient}. Every setting has a default; {@link #build()} may be called at once. */
    public static final class Builder {
        private URI baseUri = DEFAULT_BASE_URI;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration streamIdleTimeout = Duration.ofMinutes(10);
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private HttpClient httpClient;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

        private Builder() {
        }

        /**
         * Fabric's address, e.g. {@code http://127.0.0.1:8080}.
         *
         * @throws IllegalArgumentException unless it is an absolute http or https URI with a host, and no query
         */
        public Builder baseUri(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("Fabric's URL must start with http:// or https://, was '" + baseUri + "'");
            }
            if (baseUri.getHost() == null || baseUri.getHost().isBlank()) {
                throw new IllegalArgumentException("Fabric's URL has no host: '" + baseUri + "'");
            }
            if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("Fabric's URL must not have a query or fragment: '" + baseUri + "'");
            }
            this.baseUri = baseUri;
            return this;
        }

        /** The key Fabric was started with ({@code fabric --serve --api-key}); {@code null} or blank for none. */
        public Builder apiKey(String apiKey) {
            if (apiKey != null && apiKey.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("the API key contains control characters (a stray newline?)");
            }
            this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
            return this;
        }

        /** How long to wait for a connection; ignored when {@link #httpClient} is given. Default 5 seconds. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * How long a call other than {@code /chat} may take in all: connecting, every try, the headers and the whole
         * body. Default 30 seconds.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive("requestTimeout", requestTimeout);
            return this;
        }

        /**
         * How long a {@code /chat} stream may stay silent (before its first event too) before it fails. A thinking
         * model can be silent for minutes: default 10 minutes.
         */
        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = positive("streamIdleTimeout", streamIdleTimeout);
            return this;
        }

        /**
         * The most bytes of an answer read, for every route: a longer answer fails with
         * {@link FabricResponseTooLargeException} (for {@code /chat}, after the chunks that fitted). From 1 KiB to
         * 1 GiB; default 16 MiB.
         */
        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes < MIN_RESPONSE_BYTES || maxResponseBytes > MAX_RESPONSE_BYTES) {
                throw new IllegalArgumentException("maxResponseBytes must be from " + Sizes.describe(MIN_RESPONSE_BYTES)
                        + " to " + Sizes.describe(MAX_RESPONSE_BYTES) + ", was " + maxResponseBytes);
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** The JDK client to use, for a custom executor, proxy or TLS setup. Default: an HTTP/1.1 client. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public FabricClient build() {
            return new FabricClient(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
