package dev.fabricmcp.it.e2e;

import dev.fabricmcp.core.testing.McpSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a session's progress notifications back as the text each run relayed, grouped by progress token: the
 * messages of the notifications that carry a content chunk, in arrival order.
 */
final class Progress {

    private Progress() {
    }

    /**
     * Takes the session's progress notifications, grouped by token, until the content of each token in
     * {@code expected} adds up to its expected text (progress may still be arriving when the result is in) or the
     * timeout passes. Stops early, without failing, when a token's text has grown longer than expected or no longer
     * matches, so the caller's assertion shows the difference.
     */
    static Map<Object, List<McpSchema.ProgressNotification>> byToken(McpSession session, Map<Object, String> expected,
            Duration timeout) {
        Map<Object, List<McpSchema.ProgressNotification>> received = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!settled(received, expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            McpSchema.ProgressNotification progress;
            try {
                progress = session.nextProgress(Duration.ofNanos(left)).notification();
            } catch (AssertionError timedOut) {
                break;
            }
            received.computeIfAbsent(progress.progressToken(), token -> new ArrayList<>()).add(progress);
        }
        return received;
    }

    /** Like {@link #byToken}, as the content text of each token. */
    static Map<Object, String> texts(McpSession session, Map<Object, String> expected, Duration timeout) {
        Map<Object, String> texts = new HashMap<>();
        byToken(session, expected, timeout).forEach((token, notifications) -> texts.put(token, content(notifications)));
        return texts;
    }

    /** The text relayed for one token. */
    static String text(McpSession session, Object token, String expected, Duration timeout) {
        return texts(session, Map.of(token, expected), timeout).getOrDefault(token, "");
    }

    /** The messages of the notifications that carry a content chunk, concatenated. */
    static String content(List<McpSchema.ProgressNotification> notifications) {
        StringBuilder text = new StringBuilder();
        for (McpSchema.ProgressNotification progress : notifications) {
            if (isContent(progress)) {
                text.append(Objects.toString(progress.message(), ""));
            }
        }
        return text.toString();
    }

    /**
     * Whether the notification relays a content chunk: its {@code _meta} carries Fabric's chunk. The others are
     * the usage chunk ({@code "tokens: 9 in, 2 out, 11 total"}) and the "waiting for Fabric" heartbeats.
     */
    static boolean isContent(McpSchema.ProgressNotification progress) {
        Map<String, Object> meta = progress.meta();
        Object chunk = meta == null ? null : meta.get("dev.fabricmcp/chunk");
        return chunk instanceof Map<?, ?> wire && "content".equals(wire.get("type"));
    }

    private static boolean settled(Map<Object, List<McpSchema.ProgressNotification>> received,
            Map<Object, String> expected) {
        for (Map.Entry<Object, String> want : expected.entrySet()) {
            String text = content(received.getOrDefault(want.getKey(), List.of()));
            if (text.length() < want.getValue().length() && want.getValue().startsWith(text)) {
                return false;
            }
        }
        return true;
    }
}
