package dev.fabricmcp.client;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads a chat stream for {@link FabricClient#chat(ChatRequest, Consumer)}: hands each content chunk's text to the
 * callback on the reading thread, and completes the answer when the stream ends. Cancelling the answer cancels the
 * stream, which closes the connection to Fabric. A callback that throws ends the run with that exception.
 */
final class AnswerSubscriber implements Flow.Subscriber<FabricChunk> {

    private final Consumer<String> onContent;
    private final CompletableFuture<ChatAnswer> answer = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private FabricChunk.Usage usage;
    private Flow.Subscription subscription;

    AnswerSubscriber(Consumer<String> onContent) {
        this.onContent = onContent;
    }

    CompletableFuture<ChatAnswer> answer() {
        return answer;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        answer.whenComplete((done, failure) -> {
            if (answer.isCancelled()) {
                subscription.cancel();
            }
        });
        // The callback runs synchronously on the reading thread, so it paces the read by itself.
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(FabricChunk chunk) {
        if (chunk.type() == FabricChunk.Type.USAGE) {
            usage = chunk.usage();
        }
        if (chunk.type() != FabricChunk.Type.CONTENT || answer.isDone()) {
            return;
        }
        text.append(chunk.content());
        try {
            onContent.accept(chunk.content());
        } catch (RuntimeException | Error failure) {
            subscription.cancel();
            answer.completeExceptionally(failure);
        }
    }

    @Override
    public void onError(Throwable failure) {
        answer.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        answer.complete(new ChatAnswer(text.toString(), ChatAnswer.formatOf(text), Optional.ofNullable(usage)));
    }
}
