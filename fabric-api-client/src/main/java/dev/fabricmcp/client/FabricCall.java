package dev.fabricmcp.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call to Fabric other than {@code /chat}, as a future of the body of its 2xx answer. The deadline covers the
 * whole call, tries and body included; the body is read up to a size limit; cancelling the future (or the deadline
 * passing) aborts the HTTP exchange in flight, which closes the connection. No thread waits for Fabric meanwhile.
 */
final class FabricCall {

    /** The most of an error body kept: only its start reaches a message. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient httpClient;
    private final HttpRequest request;
    private final RetryPolicy retryPolicy;
    private final int maxBodyBytes;
    private final boolean secretBody;
    private final URI uri;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    /** The exchange in flight, or the pause before the next try. */
    private final AtomicReference<Future<?>> pending = new AtomicReference<>();

    private FabricCall(HttpClient httpClient, HttpRequest request, RetryPolicy retryPolicy, int maxBodyBytes,
                       boolean secretBody) {
        this.httpClient = httpClient;
        this.request = request;
        this.retryPolicy = retryPolicy;
        this.maxBodyBytes = maxBodyBytes;
        this.secretBody = secretBody;
        this.uri = request.uri();
    }

    /**
     * Sends the request (again after a connect failure or a 502/503/504, as {@code retryPolicy} allows).
     * With {@code secretBody}, an error answer's body is not quoted in the failure: it may hold secrets.
     *
     * @return the body of the 2xx answer; fails with a {@link FabricException}, or is cancelled
     */
    static CompletableFuture<String> start(HttpClient httpClient, HttpRequest request, RetryPolicy retryPolicy,
                                           Duration deadline, int maxBodyBytes, boolean secretBody) {
        FabricCall call = new FabricCall(httpClient, request, retryPolicy, maxBodyBytes, secretBody);
        ScheduledFuture<?> timeout = IdleTimeouts.SHARED.schedule(
                () -> call.result.completeExceptionally(new FabricTimeoutException(call.uri, deadline)), deadline);
        call.result.whenComplete((body, failure) -> {
            timeout.cancel(false);
            Future<?> inFlight = call.pending.get();
            if (inFlight != null) {
                inFlight.cancel(true);
            }
        });
        call.attempt(0);
        return call.result;
    }

    private void attempt(int attempt) {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<HttpResponse<CappedBody.Text>> sent = httpClient.sendAsync(request, info ->
                new CappedBody(info.statusCode() / 100 == 2 ? maxBodyBytes
                        : Math.min(maxBodyBytes, MAX_ERROR_BODY_BYTES)));
        pending.set(sent);
        if (result.isDone()) {
            sent.cancel(true); // cancelled or timed out between the check above and now
            return;
        }
        sent.whenComplete((response, failure) -> answered(attempt, response, failure));
    }

    private void answered(int attempt, HttpResponse<CappedBody.Text> response, Throwable failure) {
        if (result.isDone()) {
            return;
        }
        boolean lastTry = attempt >= retryPolicy.retries();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!lastTry && FabricErrors.isUnreachable(cause)) {
                retry(attempt);
            } else {
                result.completeExceptionally(FabricErrors.fromTransport(uri, cause));
            }
            return;
        }
        int status = response.statusCode();
        if (!lastTry && RetryPolicy.isRetryableStatus(status)) {
            retry(attempt);
        } else if (status / 100 != 2) {
            result.completeExceptionally(statusFailure(status, response.body().text()));
        } else if (response.body().truncated()) {
            result.completeExceptionally(new FabricResponseTooLargeException(uri, maxBodyBytes));
        } else {
            result.complete(response.body().text());
        }
    }

    private FabricException statusFailure(int status, String body) {
        FabricException failure = FabricErrors.fromStatus(uri, status, body);
        if (!secretBody || failure instanceof FabricAuthenticationException auth
                && auth.reason() != FabricAuthenticationException.Reason.OTHER) {
            return failure;
        }
        return new FabricHttpException(uri, status, "(the body is not shown: it may hold secrets)");
    }

    private void retry(int attempt) {
        pending.set(IdleTimeouts.SHARED.schedule(() -> attempt(attempt + 1), retryPolicy.delayBefore(attempt + 1)));
        if (result.isDone()) {
            pending.get().cancel(false);
        }
    }
}
