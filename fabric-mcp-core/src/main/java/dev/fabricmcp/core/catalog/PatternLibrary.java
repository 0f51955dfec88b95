package dev.fabricmcp.core.catalog;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's patterns, their descriptions and a search index over them, kept in step with Fabric: from its first use
 * on, the library reloads every {@link #refreshInterval()} in the background, so that a pattern added to (or removed
 * from, or edited in) Fabric shows up within that interval, without a restart, and only the first request waits for
 * a load and an indexing. A list served from it is therefore at most one interval (plus one load) old: that is the
 * lifetime a caching hint may state. A server whose clients never ask for prompts, resources or a pattern search
 * never loads it, and sends Fabric nothing in the background.
 *
 * <p>A reload that fails (Fabric down) keeps the last good snapshot and is logged; the first load that fails makes
 * {@link #snapshot()} try again and throw Fabric's failure.
 */
public final class PatternLibrary implements AutoCloseable {

    /** How often the library asks Fabric for its patterns unless told otherwise. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(PatternLibrary.class);
    /** Fabric reads each pattern from disk: a few requests at a time load 250 patterns quickly enough. */
    private static final int PARALLEL_FETCHES = 4;

    private final FabricClient fabric;
    private final Duration refreshInterval;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService fetchers = Executors.newFixedThreadPool(PARALLEL_FETCHES,
            daemon("fabric-pattern-fetch"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            daemon("fabric-pattern-refresh"));
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Snapshot current;

    /**
     * What the library held at one moment.
     *
     * @param loadedAt    when Fabric was asked
     * @param patterns    the patterns, in Fabric's order
     * @param index       the search index over them
     * @param indexMillis how long building the index took (zero when the patterns had not changed)
     */
    public record Snapshot(Instant loadedAt, List<PatternEntry> patterns, PatternIndex index, long indexMillis) {

        public Snapshot {
            patterns = List.copyOf(patterns);
        }

        public Optional<PatternEntry> find(String name) {
            return patterns.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        public List<String> names() {
            return patterns.stream().map(PatternEntry::name).toList();
        }
    }

    public PatternLibrary(FabricClient fabric, Duration refreshInterval) {
        this.fabric = Objects.requireNonNull(fabric, "fabric");
        if (refreshInterval.isZero() || refreshInterval.isNegative()) {
            throw new IllegalArgumentException("the refresh interval must be positive, was " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
    }

    /**
     * Reloads the patterns every {@link #refreshInterval()} in the background (the first time at once unless they
     * are loaded already); once. {@link #snapshot()} starts the library itself.
     */
    public PatternLibrary start() {
        if (!started.compareAndSet(false, true)) {
            return this;
        }
        long interval = refreshInterval.toMillis();
        timer.scheduleWithFixedDelay(this::reloadQuietly, current == null ? 0 : interval, interval,
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** How old a snapshot can get before the library replaces it: the honest lifetime of a list served from it. */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /**
     * Called, on the library's thread, with each snapshot whose patterns differ from the one before (not with the
     * first: nobody can have seen a list before it).
     */
    public void onChange(Consumer<Snapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The patterns as last loaded. The first call loads them (calls at the same time wait for that load) and starts
     * the background reloads.
     *
     * @throws dev.fabricmcp.client.FabricException when nothing could be loaded from Fabric
     */
    public Snapshot snapshot() {
        Snapshot snapshot = current;
        if (snapshot != null) {
            return snapshot;
        }
        snapshot = loadIfAbsent();
        start();
        return snapshot;
    }

    /** Asks Fabric now and returns the new snapshot (telling the listeners when the patterns changed). */
    public synchronized Snapshot reload() {
        Instant asked = Instant.now();
        List<PatternEntry> patterns = fetchAll();
        Snapshot before = current;
        if (before != null && before.patterns().equals(patterns)) {
            current = new Snapshot(asked, patterns, before.index(), 0);
            return current;
        }
        long started = System.nanoTime();
        PatternIndex index = PatternIndex.of(patterns);
        current = new Snapshot(asked, patterns, index, (System.nanoTime() - started) / 1_000_000);
        LOG.info("{} patterns loaded from Fabric and indexed in {} ms", patterns.size(), current.indexMillis());
        if (before == null) {
            return current;
        }
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(current);
            } catch (RuntimeException e) {
                LOG.warn("a pattern-change listener failed", e);
            }
        }
        return current;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        fetchers.shutdownNow();
    }

    private synchronized Snapshot loadIfAbsent() {
        return current != null ? current : reload();
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            Snapshot kept = current;
            LOG.info("Could not reload Fabric's patterns ({}); {}", e.getMessage(), kept == null
                    ? "trying again in " + refreshInterval.toSeconds() + " s"
                    : "keeping the " + kept.patterns().size() + " loaded at " + kept.loadedAt());
        }
    }

    /** Every pattern with its text; one that vanished between the list and its fetch is left out. */
    private List<PatternEntry> fetchAll() {
        List<String> names = fabric.listPatternNames();
        Map<String, CompletableFuture<Optional<PatternEntry>>> fetches = new LinkedHashMap<>();
        for (String name : names) {
            fetches.put(name, CompletableFuture.supplyAsync(() -> fetch(name), fetchers));
        }
        List<PatternEntry> patterns = new ArrayList<>(names.size());
        try {
            for (CompletableFuture<Optional<PatternEntry>> fetch : fetches.values()) {
                fetch.join().ifPresent(patterns::add);
            }
        } catch (CompletionException e) {
            fetches.values().forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return patterns;
    }

    private Optional<PatternEntry> fetch(String name) {
        try {
            Pattern pattern = fabric.getPattern(name);
            return Optional.of(PatternEntry.of(name, pattern.description(), pattern.pattern()));
        } catch (FabricNotFoundException | IllegalArgumentException e) {
            // Gone since the list was read, or a name no URL can carry: nothing to offer.
            return Optional.empty();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
