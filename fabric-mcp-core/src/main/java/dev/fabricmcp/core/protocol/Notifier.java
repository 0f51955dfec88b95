package dev.fabricmcp.core.protocol;

import reactor.core.publisher.Mono;

/** Writes a notification on the stream of the request it relates to (its SSE response, or stdout). */
@FunctionalInterface
public interface Notifier {

    /** Completes when the transport took the notification; fails when the client is gone. */
    Mono<Void> send(String method, Object params);
}
