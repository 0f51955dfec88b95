package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.cancel.RunningCalls;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * A run's pattern, request id and session, put in the logging context (MDC) around each of its log lines, so a
 * structured log ({@code --log-format json}) carries them as fields. Reactor moves a run between threads, hence
 * around each line rather than once per run.
 */
final class RunLogContext {

    private final Map<String, String> fields = new LinkedHashMap<>();

    RunLogContext(String pattern, McpAsyncServerExchange exchange) {
        fields.put("pattern", pattern);
        Object requestId = exchange.transportContext().get(RunningCalls.REQUEST_ID_KEY);
        if (requestId != null) {
            fields.put("request_id", requestId.toString());
        }
        if (exchange.sessionId() != null) {
            fields.put("session", exchange.sessionId());
        }
    }

    /** Runs {@code logging} with the run's fields in the MDC, then removes them. */
    void log(Runnable logging) {
        within(() -> {
            logging.run();
            return null;
        });
    }

    /** Computes {@code work}, which may log, with the run's fields in the MDC, then removes them. */
    <T> T within(Supplier<T> work) {
        fields.forEach(MDC::put);
        try {
            return work.get();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
