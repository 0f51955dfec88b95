package dev.fabricmcp.client;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle timeouts of every chat stream: one shared timer thread that only keeps time, and a pool that runs each
 * timeout when it is due. A due timeout tells the stream's subscriber of its failure, and a subscriber may take its
 * time there; on the timer thread that would hold back every other stream's timeout.
 */
final class IdleTimeouts {

    static final IdleTimeouts SHARED = new IdleTimeouts();

    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService due;

    private IdleTimeouts() {
        timer = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "fabric-client-timer"));
        timer.setRemoveOnCancelPolicy(true);
        AtomicInteger count = new AtomicInteger();
        due = Executors.newCachedThreadPool(task -> daemon(task, "fabric-client-timeout-" + count.incrementAndGet()));
    }

    /** Runs {@code timeout} after {@code delay}, on a thread of its own; cancel the result to disarm it. */
    ScheduledFuture<?> schedule(Runnable timeout, Duration delay) {
        return timer.schedule(() -> due.execute(timeout), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
