package dev.fabricmcp.core.cancel;

import dev.fabricmcp.core.LogText;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Consumer;

/**
 * The tool calls in flight, by MCP session and JSON-RPC request id, so that a client's
 * {@code notifications/cancelled}, or the end of its session, stops them. The MCP Java SDK 2.1.0 ignores
 * cancellation; the transports report it here instead.
 *
 * <p>A call finds its own request id in its {@link io.modelcontextprotocol.common.McpTransportContext} under
 * {@link #REQUEST_ID_KEY}: the stdio session decorator and the HTTP filter both put it there.
 */
public final class RunningCalls {

    /** The transport-context key under which a call's JSON-RPC request id is found. */
    public static final String REQUEST_ID_KEY = "dev.fabricmcp.requestId";

    private static final Logger LOG = LoggerFactory.getLogger(RunningCalls.class);

    private final Map<Key, Consumer<Stop>> calls = new ConcurrentHashMap<>();

    /**
     * Registers a running call; {@code stop} is told why when the call is cancelled.
     *
     * @return a handle that unregisters the call when closed
     */
    public Registration register(String sessionId, Object requestId, Consumer<Stop> stop) {
        Key key = new Key(sessionId, normalise(requestId));
        calls.put(key, stop);
        return () -> calls.remove(key, stop);
    }

    /**
     * Stops the call with this request id in this session, if it is still running: its client sent
     * {@code notifications/cancelled}, so it expects no response.
     */
    public void cancel(String sessionId, Object requestId, String reason) {
        Key key = new Key(sessionId, normalise(requestId));
        Consumer<Stop> stop = calls.remove(key);
        if (stop != null) {
            LOG.info("Cancelling request {} of session {}: {}", LogText.of(key.requestId()), LogText.of(sessionId),
                    LogText.of(reason));
            stop.accept(new Stop(reason, true));
        }
    }

    /** Stops every call of a session: its client is gone. */
    public void cancelSession(String sessionId, String reason) {
        cancelWhere(key -> key.sessionId().equals(sessionId), reason);
    }

    /** Stops every call: the server is stopping. */
    public void cancelAll(String reason) {
        cancelWhere(key -> true, reason);
    }

    private void cancelWhere(java.util.function.Predicate<Key> which, String reason) {
        calls.entrySet().removeIf(entry -> {
            if (!which.test(entry.getKey())) {
                return false;
            }
            LOG.info("Cancelling request {} of session {}: {}", LogText.of(entry.getKey().requestId()),
                    LogText.of(entry.getKey().sessionId()), LogText.of(reason));
            entry.getValue().accept(new Stop(reason, false));
            return true;
        });
    }

    /** How many calls are running now. */
    public int size() {
        return calls.size();
    }

    /**
     * JSON-RPC ids are strings or numbers; a number may arrive as {@code 7} or {@code 7.0} depending on the JSON
     * library that read it, so numbers are compared by value.
     */
    private static Object normalise(Object requestId) {
        Objects.requireNonNull(requestId, "requestId");
        if (requestId instanceof Number number) {
            double value = number.doubleValue();
            if (value == Math.rint(value) && !Double.isInfinite(value)) {
                return (long) value;
            }
            return value;
        }
        return requestId.toString();
    }

    /**
     * Why a call is stopped.
     *
     * @param reason   the words for the log and the result
     * @param byClient whether the call's own client cancelled it: then, as the MCP specification asks, no
     *                 response is sent; a call stopped by the server (shutdown, session end) still answers
     */
    public record Stop(String reason, boolean byClient) {
    }

    private record Key(String sessionId, Object requestId) {
        Key {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Unregisters a call. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
