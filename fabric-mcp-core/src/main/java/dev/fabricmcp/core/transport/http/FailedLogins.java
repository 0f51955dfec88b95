package dev.fabricmcp.core.transport.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Makes guessing the bearer token expensive: an address that sent {@link #LIMIT} wrong or missing tokens within
 * {@link #WINDOW} is refused (429, without its token being looked at) until that window ends. A right token does not
 * reset the count, so a guesser learns nothing from a 429. Memory stays bounded: at most {@link #MAX_ADDRESSES}
 * addresses are remembered.
 */
final class FailedLogins {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FailedLogins(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** How long this address must wait before it may try again; zero when it may try now. */
    Duration blockedFor(String address) {
        Window window = windows.get(address);
        long now = nanoClock.getAsLong();
        if (window == null || window.hasEnded(now) || window.failures < LIMIT) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(window.end - now);
    }

    /** Counts a request from this address that had no valid token. */
    void failed(String address) {
        long now = nanoClock.getAsLong();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(window -> window.hasEnded(now));
            if (windows.size() >= MAX_ADDRESSES) {
                // Flooded from too many addresses to remember: forget them all rather than grow.
                windows.clear();
            }
        }
        windows.compute(address, (key, window) -> {
            Window current = window == null || window.hasEnded(now) ? new Window(now + WINDOW.toNanos()) : window;
            current.failures++;
            return current;
        });
    }

    /** How many addresses are remembered. */
    int remembered() {
        return windows.size();
    }

    private static final class Window {
        final long end;
        int failures;

        Window(long end) {
            this.end = end;
        }

        boolean hasEnded(long now) {
            return now - end >= 0;
        }
    }
}
