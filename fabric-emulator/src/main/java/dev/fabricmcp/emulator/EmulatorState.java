package dev.fabricmcp.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything the emulator serves, shared by the handler threads: Fabric's "disk" (patterns, contexts,
 * sessions, strategies, the .env values), the vendors, the scripts and the record. Sorted concurrent maps
 * stand in for directories, whose listings Fabric returns sorted.
 */
final class EmulatorState {

    /** Slice of a pause, so closing the emulator never waits long for a stalled answer. */
    private static final long PAUSE_SLICE_NANOS = Duration.ofMillis(10).toNanos();

    volatile String apiKey = "";
    volatile String configDir = "/home/fabric/.config/fabric";
    volatile String youtubeTranscript = DefaultContent.YOUTUBE_TRANSCRIPT;
    final ConcurrentSkipListMap<String, String> patterns = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<String, String> contexts = new ConcurrentSkipListMap<>();
    /** Session name to the raw JSON of the session file. */
    final ConcurrentSkipListMap<String, String> sessions = new ConcurrentSkipListMap<>();
    final Map<String, ChatScript> scripts = new ConcurrentHashMap<>();
    final RequestLog log = new RequestLog();
    volatile List<FabricStrategy> strategies;
    volatile boolean strategiesDirectoryMissing;
    volatile ModelCatalog models;
    volatile FabricConfig config;
    volatile ChatScript scriptForAll;
    volatile Duration wordDelay;
    /** When set, {@code POST /youtube/transcript} fails with 500 and this text, as when yt-dlp is missing. */
    volatile String youtubeFailure;
    private volatile boolean stopping;

    /** Canned answers by "METHOD raw-path": each request takes the next; the last one stays. */
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();

    void answer(String method, String rawPath, List<Answer> sequence) {
        answers.put(method + " " + rawPath, new ArrayDeque<>(sequence));
    }

    void clearAnswers() {
        answers.clear();
    }

    /** The canned answer to this request, or {@code null} to let the route answer. */
    Answer answerFor(String method, String rawPath) {
        Deque<Answer> queue = answers.get(method + " " + rawPath);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    /** The script for a prompt naming {@code patternName}, or {@code null} for the emulator's own answer. */
    ChatScript scriptFor(String patternName) {
        ChatScript script = patternName.isEmpty() ? null : scripts.get(patternName);
        return script != null ? script : scriptForAll;
    }

    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** Waits {@code duration} in short slices; aborts with {@link ChatOutcome#STOPPED} when the emulator closes. */
    void pause(Duration duration) throws StreamAborted {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            if (stopping) {
                throw new StreamAborted(ChatOutcome.STOPPED);
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                long slice = Math.min(left, PAUSE_SLICE_NANOS);
                Thread.sleep(slice / 1_000_000, (int) (slice % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamAborted(ChatOutcome.STOPPED);
            }
        }
    }

    /** Waits until {@code cue} completes (either way); aborts with {@link ChatOutcome#STOPPED} when the emulator closes. */
    void await(CompletionStage<?> cue) throws StreamAborted {
        CompletableFuture<?> future = cue.toCompletableFuture();
        while (!future.isDone()) {
            if (stopping) {
                throw new StreamAborted(ChatOutcome.STOPPED);
            }
            try {
                future.get(PAUSE_SLICE_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamAborted(ChatOutcome.STOPPED);
            } catch (ExecutionException | CancellationException | TimeoutException e) {
                // done either way, or not yet: the loop decides
            }
        }
    }
}
