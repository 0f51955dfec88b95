package dev.fabricmcp.client.sse;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event} field, {@code message} when the stream named none
 * @param data the {@code data} lines joined with {@code \n}
 * @param id   the last event id seen so far; empty when none
 */
public record SseEvent(String type, String data, String id) {

    public SseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
    }
}
