package dev.fabricmcp.it.bench;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a streamed HTTP response line by line as the bytes arrive, on the HTTP client's own thread, with unbounded
 * demand. Lines are split at {@code \n} on the raw bytes. Neither {@code BodyHandlers.ofInputStream} (a hand-off to
 * a blocking reader thread per buffer) nor {@code BodyHandlers.fromLineSubscriber} (its {@code endOfLine} check took
 * 39% of the client's CPU in a profile) is lean enough to measure fabric-mcp rather than the reader.
 */
final class SseLines {

    private SseLines() {
    }

    /** Sends {@code request}, calls {@code onLine} for every line of the body; returns the status when it ends. */
    static int stream(HttpClient http, HttpRequest request, Consumer<String> onLine) throws Exception {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        LineSplitter lines = new LineSplitter(onLine, ended);
        HttpResponse<Void> response = http.send(request,
                info -> HttpResponse.BodySubscribers.fromSubscriber(lines, s -> null));
        ended.get(10, TimeUnit.MINUTES);
        return response.statusCode();
    }

    private static final class LineSplitter implements Flow.Subscriber<List<ByteBuffer>> {
        private final Consumer<String> onLine;
        private final CompletableFuture<Void> ended;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        LineSplitter(Consumer<String> onLine, CompletableFuture<Void> ended) {
            this.onLine = onLine;
            this.ended = ended;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    split(buffer);
                }
            } catch (RuntimeException e) {
                ended.completeExceptionally(e);
            }
        }

        private void split(ByteBuffer buffer) {
            byte[] bytes;
            int offset;
            int length = buffer.remaining();
            if (buffer.hasArray()) {
                bytes = buffer.array();
                offset = buffer.arrayOffset() + buffer.position();
            } else {
                bytes = new byte[length];
                buffer.get(bytes);
                offset = 0;
            }
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == '\n') {
                    int stop = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                    if (partial.size() == 0) {
                        onLine.accept(new String(bytes, start, stop - start, StandardCharsets.UTF_8));
                    } else {
                        partial.write(bytes, start, i - start);
                        byte[] joined = partial.toByteArray();
                        partial.reset();
                        int n = joined.length > 0 && joined[joined.length - 1] == '\r' ? joined.length - 1
                                : joined.length;
                        onLine.accept(new String(joined, 0, n, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            if (start < end) {
                partial.write(bytes, start, end - start);
            }
        }

        @Override
        public void onError(Throwable failure) {
            ended.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            if (partial.size() > 0) {
                onLine.accept(partial.toString(StandardCharsets.UTF_8));
            }
            ended.complete(null);
        }
    }
}
