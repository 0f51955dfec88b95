package dev.fabricmcp.emulator;

import com.google.gson.JsonElement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The record of one {@code POST /chat} exchange, updated while the answer is being written. Thread-safe:
 * tests read it while the emulator writes.
 *
 * <p><b>Detecting a client that went away.</b> {@code com.sun.net.httpserver} gives no notice when a client
 * closes its connection; the emulator only learns it when a later write or flush fails (and the first write
 * after the close may still succeed because it only fills the socket buffer). So
 * {@link #clientGone()} completes at the first failed write after the client left: for a stream writing every
 * 50 ms that is typically within 50-150 ms; during a {@link ChatStep.Pause} it is only at the end of the pause.
 * The emulator never writes extra bytes (such as SSE comments) to find out sooner, because Fabric does not.
 *
 * <p>To wait without sleeping: {@code chat.clientGone().get(5, SECONDS)}, {@code chat.finished().get(...)},
 * or {@link FabricEmulator#awaitChat(java.util.function.Predicate, java.time.Duration)}.
 */
public final class RecordedChat {

    private final RecordedRequest request;
    private final Runnable onChange;
    private final List<RecordedEvent> events = new ArrayList<>();
    private final List<RecordedPrompt> prompts = new ArrayList<>();
    private final CompletableFuture<Instant> clientGone = new CompletableFuture<>();
    private final CompletableFuture<ChatOutcome> finished = new CompletableFuture<>();
    private volatile JsonElement requestJson;
    private volatile ChatRequest parsed;
    private volatile String rejection;
    private volatile Instant clientGoneAt;
    private volatile Instant finishedAt;
    private volatile ChatOutcome outcome;

    RecordedChat(RecordedRequest request, Runnable onChange) {
        this.request = request;
        this.onChange = onChange;
    }

    /** The HTTP request (method, headers, raw body, arrival time). */
    public RecordedRequest request() {
        return request;
    }

    /** The first JSON value of the body as parsed, if the body was valid JSON. */
    public Optional<JsonElement> requestJson() {
        JsonElement json = requestJson;
        return json == null ? Optional.empty() : Optional.of(json.deepCopy());
    }

    /** The body bound like Fabric binds it, unless it was rejected with 400. */
    public Optional<ChatRequest> parsedRequest() {
        return Optional.ofNullable(parsed);
    }

    /** Why the body was refused with a 400 ({@code EOF}, {@code json: temperature must be a number}, ...). */
    public Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** How each prompt was understood, in order (filled as prompts are processed). */
    public synchronized List<RecordedPrompt> prompts() {
        return List.copyOf(prompts);
    }

    /** The events written so far, in order. */
    public synchronized List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    /** Everything written so far, concatenated: the exact body bytes received by a patient client. */
    public synchronized String bodyText() {
        return events.stream().map(RecordedEvent::wire).collect(Collectors.joining());
    }

    /** The {@code content} of all content events so far, concatenated. */
    public synchronized String contentText() {
        return events.stream().filter(e -> "content".equals(e.type())).map(RecordedEvent::content)
                .collect(Collectors.joining());
    }

    /** When a write first failed because the client had gone away. */
    public Optional<Instant> clientGoneAt() {
        return Optional.ofNullable(clientGoneAt);
    }

    /** Completes with the time of the first failed write once the client is known to be gone. */
    public CompletableFuture<Instant> clientGone() {
        return clientGone.copy();
    }

    /** Completes when the response has ended, however it ended. */
    public CompletableFuture<ChatOutcome> finished() {
        return finished.copy();
    }

    /** When the response ended. */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** How the response ended, once it has. */
    public Optional<ChatOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    void requestDecoded(JsonElement json, ChatRequest request, String error) {
        this.requestJson = json;
        this.parsed = request;
        this.rejection = error;
        onChange.run();
    }

    synchronized int nextEventIndex() {
        return events.size();
    }

    void eventWritten(RecordedEvent event) {
        synchronized (this) {
            events.add(event);
        }
        onChange.run();
    }

    void promptUnderstood(RecordedPrompt prompt) {
        synchronized (this) {
            prompts.add(prompt);
        }
        onChange.run();
    }

    void clientWentAway(Instant at) {
        if (clientGoneAt == null) {
            clientGoneAt = at;
            clientGone.complete(at);
            onChange.run();
        }
    }

    void finish(ChatOutcome how) {
        if (outcome == null) {
            outcome = how;
            finishedAt = Instant.now();
            finished.complete(how);
            onChange.run();
        }
    }

    @Override
    public String toString() {
        return "RecordedChat[" + request + ", " + events().size() + " events, outcome " + outcome
                + (clientGoneAt == null ? "" : ", client gone at " + clientGoneAt) + "]";
    }
}
