package dev.fabricmcp.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a GET is tried again: after a connect failure or a 502, 503 or 504, up to {@code retries} times, waiting a
 * jittered, doubling delay. A {@code POST /chat} is never retried: once sent it may already cost model tokens.
 */
record RetryPolicy(int retries, Duration firstDelay) {

    static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200));
    /** For requests that must not be sent twice. */
    static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofMillis(200));

    static boolean isRetryableStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** The pause before retry number {@code attempt} (1-based): the doubled delay, 50% to 150% of it. */
    Duration delayBefore(int attempt) {
        long base = firstDelay.toMillis() << Math.min(attempt - 1, 10);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        return Duration.ofMillis(jittered);
    }
}
