package dev.fabricmcp.core.streaming;

import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.core.call.ToolCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** The relay for this call: progress when the client asked for it, logging otherwise. */
    public static ChunkRelay forCall(ToolCall call) {
        return call.progressToken() != null ? new Progress(call, call.progressToken()) : new Logging(call);
    }

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
        /** The spec wants progress to increase strictly: one step per notification. */
        private final AtomicLong step = new AtomicLong();

        Progress(ToolCall call, Object token) {
            this.call = call;
            this.token = token;
        }

        @Override
        public Mono<Void> send(FabricChunk chunk) {
            String message = chunk.type() == FabricChunk.Type.USAGE ? describeUsage(chunk.usage()) : chunk.content();
            return call.progress(McpSchema.ProgressNotification.builder(token, step.incrementAndGet())
                    .message(message)
                    .meta(Map.of(CHUNK_META_KEY, wireForm(chunk)))
                    .build());
        }

        @Override
        public Mono<Void> waiting(String message) {
            return call.progress(
                    McpSchema.ProgressNotification.builder(token, step.incrementAndGet()).message(message).build());
        }

        private static String describeUsage(FabricChunk.Usage usage) {
            return "tokens: " + usage.inputTokens() + " in, " + usage.outputTokens() + " out, "
                    + usage.totalTokens() + " total";
        }
    }

    static final class Logging extends ChunkRelay {
        private static final com.google.gson.Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping()
                .create();

        private final ToolCall call;

        Logging(ToolCall call) {
            this.call = call;
        }

        @Override
        public Mono<Void> send(FabricChunk chunk) {
            return call.log(McpSchema.LoggingMessageNotification
                    .builder(McpSchema.LoggingLevel.INFO, GSON.toJson(wireForm(chunk)))
                    .logger(LOGGER)
                    .build());
        }

        @Override
        public Mono<Void> waiting(String message) {
            // Without a progress token nothing resets a client's timeout; a log entry would only be noise.
            return Mono.empty();
        }
    }
}
