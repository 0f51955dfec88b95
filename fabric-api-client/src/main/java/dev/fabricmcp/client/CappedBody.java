package dev.fabricmcp.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body as UTF-8 text, keeping at most {@code limit} bytes: at the limit it stops reading (which closes the
 * connection) and completes with what fitted, marked as truncated. An endless body therefore costs at most the limit.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Text> {

    /** The text read, and whether the body went on beyond the limit. */
    record Text(String text, boolean truncated) {
    }

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Text> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<Text> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int room = limit - bytes.size();
            int taken = Math.min(room, buffer.remaining());
            byte[] part = new byte[taken];
            buffer.get(part);
            bytes.writeBytes(part);
            if (buffer.hasRemaining()) {
                subscription.cancel();
                result.complete(new Text(text(), true));
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(new Text(text(), false));
    }

    private String text() {
        // A cut may fall inside a character: decoding replaces the broken end instead of failing.
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
