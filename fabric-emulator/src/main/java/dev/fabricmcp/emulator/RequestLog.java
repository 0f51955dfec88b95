package dev.fabricmcp.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The emulator's thread-safe record of requests and chat exchanges, with waiting that needs no sleeps: every
 * change wakes up the waiters, which re-check their condition.
 */
final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedChat> chats = new ArrayList<>();
    private final List<RecordedRequest> abandoned = new ArrayList<>();
    private final List<CompletableFuture<RecordedChat>> nextChatWaiters = new ArrayList<>();
    private long sequence;

    synchronized long nextSequence() {
        return sequence++;
    }

    void add(RecordedRequest request) {
        synchronized (this) {
            requests.add(request);
        }
        changed();
    }

    void add(RecordedChat chat) {
        List<CompletableFuture<RecordedChat>> waiters;
        synchronized (this) {
            chats.add(chat);
            waiters = List.copyOf(nextChatWaiters);
            nextChatWaiters.clear();
        }
        waiters.forEach(w -> w.complete(chat));
        changed();
    }

    /** A request whose canned answer was still being written when its client closed the connection. */
    void abandoned(RecordedRequest request) {
        synchronized (this) {
            abandoned.add(request);
        }
        changed();
    }

    synchronized List<RecordedRequest> abandoned() {
        return List.copyOf(abandoned);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedChat> chats() {
        return List.copyOf(chats);
    }

    synchronized void clear() {
        requests.clear();
        chats.clear();
        abandoned.clear();
    }

    synchronized CompletableFuture<RecordedChat> nextChat() {
        CompletableFuture<RecordedChat> future = new CompletableFuture<>();
        nextChatWaiters.add(future);
        return future;
    }

    /** Wakes up {@link #await} callers; called on every change, including changes inside a chat. */
    synchronized void changed() {
        notifyAll();
    }

    synchronized <T> T await(java.util.function.Supplier<List<T>> items, Predicate<? super T> condition,
            Duration timeout, String what) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (T item : items.get()) {
                if (condition.test(item)) {
                    return item;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no " + what + " matched within " + timeout);
            }
            // Bounded wait: a condition may also become true through time alone (e.g. a clock check).
            long millis = Math.max(1, Math.min(50, left / 1_000_000));
            wait(millis);
        }
    }
}
