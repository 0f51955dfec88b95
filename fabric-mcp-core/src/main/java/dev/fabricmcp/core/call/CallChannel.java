package dev.fabricmcp.core.call;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Where a call's notifications go: its own response stream, filtered as its era asks. */
public interface CallChannel {

    /** Sends a progress notification; completes when the transport took it, fails when the client is gone. */
    Mono<Void> progress(McpSchema.ProgressNotification progress);

    /** Sends a log entry if the client wants entries of its level; otherwise completes at once. */
    Mono<Void> log(McpSchema.LoggingMessageNotification entry);

    /** A channel that hands progress notifications to {@code progress} and log entries to {@code log}. */
    static CallChannel of(Function<McpSchema.ProgressNotification, Mono<Void>> progress,
                          Function<McpSchema.LoggingMessageNotification, Mono<Void>> log) {
        return new CallChannel() {
            @Override
            public Mono<Void> progress(McpSchema.ProgressNotification notification) {
                return progress.apply(notification);
            }

            @Override
            public Mono<Void> log(McpSchema.LoggingMessageNotification entry) {
                return log.apply(entry);
            }
        };
    }
}
