package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.LogText;
import dev.fabricmcp.core.MemoryExhausted;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.fabricmcp.core.cancel.RunningCalls;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Builds tool specifications the same way for every tool: argument checks, threads and failures. */
final class ToolSpecs {

    private static final Logger LOG = LoggerFactory.getLogger(ToolSpecs.class);

    private ToolSpecs() {
    }

    /**
     * A tool whose work is one Fabric call. The call holds no thread while Fabric answers, so calls stuck on Fabric
     * never make another tool wait (a blocking call on Reactor's bounded pool did: 10 threads per core). Disposing
     * the tool's pipeline cancels the call, which closes its connection to Fabric; so does
     * {@code notifications/cancelled} for it, or the end of its session, through {@code calls}. A call its client
     * cancelled gets no response; one the server stopped gets an {@code isError} result. Every failure becomes an
     * {@code isError} result.
     */
    static <T> FabricTool fabricCall(ToolDeclaration tool,
            Function<ToolArguments, CompletableFuture<T>> work, Function<T, McpSchema.CallToolResult> result) {
        return spec(tool, call -> {
            ToolArguments arguments = tool.arguments(call.arguments());
            Mono<RunningCalls.Stop> stop = call.stopped();
            return Mono.fromFuture(() -> MemoryExhausted.guard(() -> work.apply(arguments)), false)
                    .map(value -> MemoryExhausted.guard(() -> result.apply(value)))
                    .takeUntilOther(stop)
                    .switchIfEmpty(stop.flatMap(stopped -> stopped.byClient() ? Mono.empty()
                            : Mono.just(ToolResults.failure(FailureKind.STOPPED,
                                    tool.name() + " was stopped: " + stopped.reason() + "."))));
        });
    }

    /**
     * A tool whose work is local but may block (a first load of the pattern library): it runs on Reactor's bounded
     * elastic pool so it never holds up a transport thread. A tool whose work is a Fabric call uses
     * {@link #fabricCall} instead, which holds no thread at all.
     */
    static FabricTool blocking(ToolDeclaration tool, Function<ToolArguments, Callable<McpSchema.CallToolResult>> work) {
        return spec(tool, call -> {
            Callable<McpSchema.CallToolResult> job = work.apply(tool.arguments(call.arguments()));
            return Mono.fromCallable(MemoryExhausted.guarded(job)).subscribeOn(Schedulers.boundedElastic());
        });
    }

    /** A tool from an asynchronous handler; argument errors and unexpected failures become {@code isError} results. */
    static FabricTool spec(ToolDeclaration tool, Function<ToolCall, Mono<McpSchema.CallToolResult>> handler) {
        return new FabricTool(tool.tool(), call -> Mono.defer(() -> MemoryExhausted.guard(() -> handler.apply(call)))
                .onErrorResume(failure -> Mono.just(failureResult(tool.name(), failure))));
    }

    static McpSchema.CallToolResult failureResult(String toolName, Throwable failure) {
        logFailure(toolName, failure);
        return ToolResults.failure(FailureMessages.kind(failure), FailureMessages.describe(failure));
    }

    /** Logs a tool's failure: one line when expected, the stack trace when it is a bug. */
    static void logFailure(String toolName, Throwable failure) {
        if (FailureMessages.isExpected(failure)) {
            LOG.info("{} failed: {}", toolName, LogText.of(failure.getMessage()));
        } else {
            LOG.warn("{} failed unexpectedly", toolName, failure);
        }
    }

    static Map<String, Object> mapOf(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
