package dev.fabricmcp.client;

import java.util.List;
import java.util.Objects;

/**
 * A Fabric chat session as {@code GET /sessions/{name}} returns it. A session Fabric does not have comes back with
 * no messages, as Fabric itself reports it.
 *
 * @param name     the session's name
 * @param messages its messages, oldest first
 */
public record FabricSession(String name, List<Message> messages) {

    public FabricSession {
        Objects.requireNonNull(name, "name");
        messages = List.copyOf(messages);
    }

    /**
     * One message of a session.
     *
     * @param role    {@code system}, {@code user} or {@code assistant}
     * @param content its text; empty when Fabric stored none
     */
    public record Message(String role, String content) {

        public Message {
            Objects.requireNonNull(role, "role");
            content = content == null ? "" : content;
        }
    }
}
