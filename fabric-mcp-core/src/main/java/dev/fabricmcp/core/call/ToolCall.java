package dev.fabricmcp.core.call;

import dev.fabricmcp.core.cancel.RunningCalls;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One tool call in flight, whatever its transport and protocol era: its arguments, its request {@code _meta}, how
 * it sends progress and log entries to its client, and how it learns it was stopped. The tools are written against
 * this once; the legacy (SDK session) path and the modern (stateless) path each build it.
 */
public final class ToolCall {

    private final String tool;
    private final Map<String, Object> arguments;
    private final Map<String, Object> meta;
    private final CallChannel channel;
    private final String scope;
    private final Object requestId;
    private final Sinks.One<RunningCalls.Stop> stopped = Sinks.one();

    /**
     * @param tool      the tool's name
     * @param arguments the call's arguments (empty when the client sent none)
     * @param meta      the request's {@code _meta} (empty when absent)
     * @param channel   where the call's notifications go
     * @param scope     where its cancellation is reported: a legacy session, the stdio process, one modern HTTP
     *                  request (null when unknown)
     * @param requestId its JSON-RPC request id (null when unknown)
     */
    public ToolCall(String tool, Map<String, Object> arguments, Map<String, Object> meta, CallChannel channel,
                    String scope, Object requestId) {
        this.tool = Objects.requireNonNull(tool, "tool");
        this.arguments = arguments == null ? Map.of() : arguments;
        this.meta = meta == null ? Map.of() : meta;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.scope = scope;
        this.requestId = requestId;
    }

    /** Where the call's cancellation is reported (for logs: the session, or the modern request's own scope). */
    public String scope() {
        return scope;
    }

    /** The call's JSON-RPC request id, or null. */
    public Object requestId() {
        return requestId;
    }

    public String tool() {
        return tool;
    }

    public Map<String, Object> arguments() {
        return arguments;
    }

    public Map<String, Object> meta() {
        return meta;
    }

    /** The request's progress token, or null when the client asked for no progress. */
    public Object progressToken() {
        return meta.get("progressToken");
    }

    /** Sends a progress notification for this call; completes when the transport took it. */
    public Mono<Void> progress(McpSchema.ProgressNotification progress) {
        return channel.progress(progress);
    }

    /**
     * Sends a log entry for this call, if its client asked for entries of that level (a legacy session's
     * {@code logging/setLevel}, a modern request's {@code io.modelcontextprotocol/logLevel}); else does nothing.
     */
    public Mono<Void> log(McpSchema.LoggingMessageNotification entry) {
        return channel.log(entry);
    }

    /** Completes when the call is stopped: its client cancelled it or went away, or the server is stopping. */
    public Mono<RunningCalls.Stop> stopped() {
        return stopped.asMono();
    }

    /** Stops the call; only the first stop counts. */
    public void stop(RunningCalls.Stop stop) {
        stopped.tryEmitValue(stop);
    }
}
