package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.ServerObserver.Outcome;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/** Tells a {@link ServerObserver} when each call of a tool begins and how it ends, whatever the tool. */
final class ObservedTool {

    private ObservedTool() {
    }

    static AsyncToolSpecification observed(AsyncToolSpecification spec, ServerObserver observer) {
        if (observer == ServerObserver.NONE) {
            return spec;
        }
        String tool = spec.tool().name();
        return new AsyncToolSpecification(spec.tool(), (exchange, request) -> Mono.defer(() -> {
            observer.toolCallStarted(tool);
            long started = System.nanoTime();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable cancelled = () -> end(observer, tool, Outcome.CANCELLED, started, ended);
            return spec.callHandler().apply(exchange, request)
                    .doOnNext(result -> end(observer, tool, Boolean.TRUE.equals(result.isError()) ? Outcome.ERROR
                            : Outcome.OK, started, ended))
                    .doOnError(failure -> end(observer, tool, Outcome.ERROR, started, ended))
                    // A call cancelled by its client completes empty (or is cancelled) and gets no result.
                    .doOnSuccess(result -> {
                        if (result == null) {
                            cancelled.run();
                        }
                    })
                    .doOnCancel(cancelled);
        }));
    }

    private static void end(ServerObserver observer, String tool, Outcome outcome, long started, AtomicBoolean ended) {
        if (ended.compareAndSet(false, true)) {
            observer.toolCallEnded(tool, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
