package dev.fabricmcp.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.time.Instant;

/**
 * One piece of a {@code /chat} body that the emulator wrote and flushed successfully.
 *
 * @param index       the position within the exchange, from 0
 * @param type        the event type ({@code content}, {@code usage}, {@code error}, {@code complete}) or
 *                    {@code raw} for bytes a script wrote as is
 * @param wire        exactly what was written, e.g. {@code data: {...}\n\n}
 * @param writtenAt   wall-clock time right after the flush returned
 * @param writtenNanos {@link System#nanoTime()} right after the flush returned
 */
public record RecordedEvent(int index, String type, String wire, Instant writtenAt, long writtenNanos) {

    /** The JSON of an event ({@code wire} without {@code data: } and the blank line); for raw writes, the text. */
    public String json() {
        if (wire.startsWith("data: ") && wire.endsWith("\n\n") && !"raw".equals(type)) {
            return wire.substring(6, wire.length() - 2);
        }
        return wire;
    }

    /** The {@code content} of an event, {@code ""} when it has none (or for raw writes). */
    public String content() {
        if ("raw".equals(type)) {
            return "";
        }
        JsonElement e = JsonParser.parseString(json());
        JsonElement c = e.getAsJsonObject().get("content");
        return c == null ? "" : c.getAsString();
    }
}
