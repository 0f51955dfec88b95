package dev.fabricmcp.core.streaming;

import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.call.ToolCall;
import dev.fabricmcp.core.protocol.JsonRpc;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Sends each chunk of a run to the client the moment it arrives. With a progress token the chunk goes as
 * {@code notifications/progress} (message = its text, {@code _meta} = the chunk as Fabric sent it); without one,
 * as a {@code notifications/message} log entry whose data is the chunk.
 */
public abstract sealed class ChunkRelay permits ChunkRelay.Progress, ChunkRelay.Logging {

    /** The {@code _meta} key under which a progress notification carries Fabric's chunk. */
    public static final String CHUNK_META_KEY = "dev.fabricmcp/chunk";

    /** The logger name of the log entries that carry chunks. */
    public static final String LOGGER = "fabric_run_pattern";

    /** The {@code _meta} key (progress) or data member (log) that says which step of a pipeline a chunk is from. */
    public static final String STEP_META_KEY = "dev.fabricmcp/step";

    /**
     * Which step of a pipeline a relay speaks for.
     *
     * @param step    1-based
     * @param steps   how many steps the pipeline has
     * @param pattern the step's pattern
     */
    public record Step(int step, int steps, String pattern) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("step", step);
            json.put("steps", steps);
            json.put("pattern_name", pattern);
            return json;
        }

        String label() {
            return "step " + step + "/" + steps + " (" + pattern + ")";
        }
    }

    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    /** The relay for this call: progress when the client asked for it, logging otherwise. */
    public static ChunkRelay forCall(ToolCall call, Object progressToken) {
        if (progressToken == null) {
            return new Logging(call, LOGGER, null);
        }
        prepareFirstProgress();
        return new Progress(call, progressToken, new AtomicLong(), null);
    }

    /**
     * Once per process, on a thread of its own, writes a progress notification like the ones a run sends and
     * throws it away. The JSON mapper builds its serializers for a type the first time it writes one (reflection
     * over the SDK's records, in the interpreter on a fresh server: 15–40 ms), and without this the first chunk of
     * the first streamed call would wait for that. Started when that call starts, it runs while Fabric prepares its
     * first token (the model's time to first token), off every request's path.
     */
    private static void prepareFirstProgress() {
        if (!PREPARED.compareAndSet(false, true)) {
            return;
        }
        Thread preparing = new Thread(() -> {
            try {
                McpSchema.ProgressNotification progress = McpSchema.ProgressNotification.builder("-", 1)
                        .message("-")
                        .meta(Map.of(CHUNK_META_KEY, Map.of("type", "content", "content", "-")))
                        .build();
                // Both shapes a progress notification is written in: the modern transports' map, the SDK's record.
                FabricMcpServer.jsonMapper().writeValueAsBytes(
                        JsonRpc.notification(McpSchema.METHOD_NOTIFICATION_PROGRESS, progress));
                FabricMcpServer.jsonMapper().writeValueAsBytes(new McpSchema.JSONRPCNotification(
                        McpSchema.JSONRPC_VERSION, McpSchema.METHOD_NOTIFICATION_PROGRESS, progress));
            } catch (Exception | LinkageError e) {
                // Only a head start: the first real notification builds what this could not.
            }
        }, "fabric-mcp-prepare");
        preparing.setDaemon(true);
        try {
            preparing.start();
        } catch (OutOfMemoryError noThreadLeft) {
            // The process may start no more threads: the call goes on without the head start.
        }
    }

    /**
     * The same relay (same progress sequence), speaking for one step of a pipeline: each progress message starts
     * with {@code step k/n (pattern): } and carries the step in {@code _meta}; each log entry carries it in its data.
     */
    public abstract ChunkRelay forStep(Step step);

    /** Tells the client that a step starts; a log entry when there is no progress token. */
    public abstract Mono<Void> announce(String message);

    /** Sends one chunk; the returned Mono completes when the transport took it. */
    public abstract Mono<Void> send(FabricChunk chunk);

    /** Tells a waiting client that the run is alive while Fabric has sent nothing yet. */
    public abstract Mono<Void> waiting(String message);

    /** The chunk as Fabric sent it: {@code type}, then {@code format}, {@code content} and {@code usage} when set. */
    static Map<String, Object> wireForm(FabricChunk chunk) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", chunk.type().wireName());
        if (!chunk.format().isEmpty()) {
            json.put("format", chunk.format());
        }
        if (!chunk.content().isEmpty()) {
            json.put("content", chunk.content());
        }
        if (chunk.usage() != null) {
            json.put("usage", Map.of("input_tokens", chunk.usage().inputTokens(),
                    "output_tokens", chunk.usage().outputTokens(),
                    "total_tokens", chunk.usage().totalTokens()));
        }
        return json;
    }

    static final class Progress extends ChunkRelay {
        private final ToolCall call;
        private final Object token;
        /** The spec wants progress to increase strictly: one step per notification, across a pipeline's steps. */
        private final AtomicLong step;
        private final Step pipelineStep;

        Progress(ToolCall call, Object token, AtomicLong step, Step pipelineStep) {
            this.call = call;
            this.token = token;
            this.step = step;
            this.pipelineStep = pipelineStep;
        }

        @Override
        public ChunkRelay forStep(Step pipelineStep) {
            return new Progress(call, token, step, pipelineStep);
        }

        @Override
        public Mono<Void> send(FabricChunk chunk) {
            String message = chunk.type() == FabricChunk.Type.USAGE ? describeUsage(chunk.usage()) : chunk.content();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put(CHUNK_META_KEY, wireForm(chunk));
            if (pipelineStep != null) {
                meta.put(STEP_META_KEY, pipelineStep.json());
            }
            return call.progress(McpSchema.ProgressNotification.builder(token, step.incrementAndGet())
                    .message(labelled(message))
                    .meta(meta)
                    .build());
        }

        @Override
        public Mono<Void> waiting(String message) {
            return announce(message);
        }

        @Override
        public Mono<Void> announce(String message) {
            McpSchema.ProgressNotification.Builder progress =
                    McpSchema.ProgressNotification.builder(token, step.incrementAndGet()).message(labelled(message));
            if (pipelineStep != null) {
                progress.meta(Map.of(STEP_META_KEY, pipelineStep.json()));
            }
            return call.progress(progress.build());
        }

        private String labelled(String message) {
            return pipelineStep == null ? message : pipelineStep.label() + ": " + message;
        }

        private static String describeUsage(FabricChunk.Usage usage) {
            return "tokens: " + usage.inputTokens() + " in, " + usage.outputTokens() + " out, "
                    + usage.totalTokens() + " total";
        }
    }

    private static Map<String, Object> stepStarted(String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "step");
        json.put("content", message);
        return json;
    }

    static final class Logging extends ChunkRelay {
        private static final com.google.gson.Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping()
                .create();

        private final ToolCall call;
        private final String logger;
        private final Step pipelineStep;

        Logging(ToolCall call, String logger, Step pipelineStep) {
            this.call = call;
            this.logger = logger;
            this.pipelineStep = pipelineStep;
        }

        @Override
        public ChunkRelay forStep(Step pipelineStep) {
            return new Logging(call, "fabric_run_pipeline", pipelineStep);
        }

        @Override
        public Mono<Void> send(FabricChunk chunk) {
            return log(wireForm(chunk));
        }

        @Override
        public Mono<Void> announce(String message) {
            return log(stepStarted(message));
        }

        private Mono<Void> log(Map<String, Object> data) {
            Map<String, Object> json = new LinkedHashMap<>(data);
            if (pipelineStep != null) {
                json.put(STEP_META_KEY, pipelineStep.json());
            }
            return call.log(McpSchema.LoggingMessageNotification
                    .builder(McpSchema.LoggingLevel.INFO, GSON.toJson(json))
                    .logger(logger)
                    .build());
        }

        @Override
        public Mono<Void> waiting(String message) {
            // Without a progress token nothing resets a client's timeout; a log entry would only be noise.
            return Mono.empty();
        }
    }
}
