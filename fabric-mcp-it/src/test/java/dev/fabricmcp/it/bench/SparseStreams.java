package dev.fabricmcp.it.bench;

import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.bench.Table.Verdict;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sparse-stream section of {@code bench/run}: what fabric-mcp adds to each chunk when a model writes one every
 * 150 ms, on a server the client has just started (issue 14). For every path a FRESH fabric-mcp (through the
 * launcher), connected, left idle for a second (a client lists the tools, then a user types), then three calls of
 * the same script back to back; call 1 and calls 2–3 are reported apart. The baseline is the direct {@code /chat}
 * reader on the same script. The clients' own code is warmed up beforehand on a throwaway server of each transport,
 * so what is cold is the server, not the reader (the HTTP raw reader and the direct one are one implementation,
 * {@link SseLines}: their own cost cancels out of the difference).
 */
final class SparseStreams {

    static final String PATTERN = "bench_sparse";
    static final Duration INTERVAL = Duration.ofMillis(150);
    static final int CALLS = 3;
    static final double TARGET_P50_MS = 0.3;
    static final double TARGET_P99_MS = 2;
    /** How long a fresh server idles between {@code initialize} and the first call. */
    static final Duration IDLE_BEFORE_FIRST_CALL = Duration.ofSeconds(1);

    /** Starts a fresh server and connects one client of a path to it. */
    @FunctionalInterface
    interface Connect {
        StreamClient to(ServerProcess server) throws Exception;
    }

    /** One way through fabric-mcp: a transport, a client, and how the server is started. */
    record Lane(String name, boolean http, Connect connect) {
    }

    /** Hands a running server to {@code bench/run --jfr}. */
    @FunctionalInterface
    interface Recorder {
        void record(ServerProcess server, String name) throws Exception;
    }

    private final FabricEmulator fabric;
    private final HttpClient http;
    private final List<String> serverOptions;
    private final int chunks;
    private final Table table;
    private final LatencyChart chart;
    private final Recorder recorder;

    SparseStreams(FabricEmulator fabric, HttpClient http, List<String> serverOptions, boolean quick, Table table,
                  LatencyChart chart, Recorder recorder) {
        this.fabric = fabric;
        this.http = http;
        this.serverOptions = serverOptions;
        this.chunks = quick ? 10 : 40;
        this.table = table;
        this.chart = chart;
        this.recorder = recorder;
        fabric.script(PATTERN, ChatScript.timestamped(chunks, INTERVAL));
    }

    /** The paths measured: both transports, legacy (SDK and raw clients) and modern (raw clients). */
    List<Lane> paths() {
        // Named and ordered as in section 1, so that a path has the same colour in both panels of the chart.
        return List.of(
                new Lane("HTTP, SDK client", true, server -> SdkMcp.http(server.endpoint())),
                new Lane("HTTP, raw SSE reader", true, server -> RawHttpMcp.connect(http, server.endpoint())),
                new Lane("stdio, SDK client", false, SdkMcp::stdio),
                new Lane("stdio, raw line reader", false, RawStdioMcp::connect),
                new Lane("HTTP, modern (2026-07-28) raw SSE reader", true,
                        server -> RawHttpMcp.connectModern(http, server.endpoint())),
                new Lane("stdio, modern (2026-07-28) raw line reader", false, RawStdioMcp::connectModern));
    }

    void run(String section) throws Exception {
        String title = String.format(Locale.ROOT, "sparse: fresh server, %d calls × %d chunks, one per %d ms",
                CALLS, chunks, INTERVAL.toMillis());
        DirectReader direct = new DirectReader(http, fabric.uri());
        warmUpClients(direct);
        Benchmarks.log("sparse: " + CALLS + " calls of " + chunks + " chunks, one every " + INTERVAL.toMillis()
                + " ms, direct and through a fresh server per path");
        Samples base = new Samples();
        for (int call = 0; call < CALLS; call++) {
            base.addAll(call(direct, "direct"));
        }
        table.info(section, "sparse: direct /chat reader (baseline), absolute", String.format(Locale.ROOT,
                "p50 %.2f / p99 %.2f ms (%d chunks)", base.percentile(50) / 1000, base.percentile(99) / 1000,
                base.size()));
        chart.add("sparse", title, "direct /chat", base);
        String target = "p50 ≤ " + TARGET_P50_MS + ", p99 ≤ " + (int) TARGET_P99_MS;
        for (Lane path : paths()) {
            Samples first;
            Samples later = new Samples();
            ServerProcess.Cpu firstCpu;
            ServerProcess.Cpu laterCpu;
            try (ServerProcess server = start(path, "sparse-" + (path.http() ? "http" : "stdio"));
                 StreamClient client = path.connect().to(server)) {
                recorder.record(server, "sparse-" + path.name().replaceAll("[^a-zA-Z]+", "-"));
                Thread.sleep(IDLE_BEFORE_FIRST_CALL.toMillis());
                ServerProcess.Cpu before = server.cpu();
                Map<String, long[]> threadsBefore = server.threads();
                first = call(client, path.name());
                ServerProcess.Cpu afterFirst = server.cpu();
                Map<String, long[]> threadsAfterFirst = server.threads();
                for (int call = 1; call < CALLS; call++) {
                    later.addAll(call(client, path.name()));
                }
                firstCpu = afterFirst.minus(before);
                laterCpu = server.cpu().minus(afterFirst);
                Benchmarks.log("sparse: " + path.name() + ", per chunk and thread, call 1: "
                        + ServerProcess.threadsPerChunk(threadsBefore, threadsAfterFirst, first.size()));
                Benchmarks.log("sparse: " + path.name() + ", per chunk and thread, calls 2–" + CALLS + ": "
                        + ServerProcess.threadsPerChunk(threadsAfterFirst, server.threads(), later.size()));
            }
            row(section, path.name() + ", call 1", first, firstCpu, base, target);
            row(section, path.name() + ", calls 2–" + CALLS, later, laterCpu, base, target);
            Samples all = new Samples();
            all.addAll(first);
            all.addAll(later);
            chart.add("sparse", title, path.name(), all);
        }
    }

    private ServerProcess start(Lane path, String name) {
        return path.http() ? ServerProcess.http(name, ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions)
                : ServerProcess.stdio(name, ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions);
    }

    /**
     * Runs every client's code (and the direct reader's) on a throwaway server of each transport, so that the JIT
     * state of the benchmark's own JVM is the same for the baseline and for every path.
     */
    private void warmUpClients(DirectReader direct) throws Exception {
        Benchmarks.log("sparse: warming up the clients on throwaway servers");
        for (int i = 0; i < 3; i++) {
            direct.run(Benchmarks.WARM_BURST);
            direct.run(Benchmarks.WARM_PACED);
        }
        for (Lane path : paths()) {
            try (ServerProcess server = start(path, "sparse-warm-up");
                 StreamClient client = path.connect().to(server)) {
                for (int i = 0; i < 3; i++) {
                    client.run(Benchmarks.WARM_BURST);
                    client.run(Benchmarks.WARM_PACED);
                }
            }
        }
        fabric.clearRecords();
    }

    private Samples call(StreamClient client, String what) throws Exception {
        Samples latency = client.run(PATTERN).arrivals().latencyMicros;
        fabric.clearRecords();
        if (latency.size() != chunks) {
            Benchmarks.log(what + ": " + latency.size() + " stamped chunks arrived, expected " + chunks);
        }
        // Where in the call its slowest chunk came (the first chunk: the call's own set-up; anywhere else: a pause
        // of the process, a collection or a compilation) tells a one-off apart from a per-call cost.
        long[] arrivals = latency.toArray();
        int slowest = 0;
        for (int i = 1; i < arrivals.length; i++) {
            slowest = arrivals[i] > arrivals[slowest] ? i : slowest;
        }
        if (arrivals.length > 0) {
            Benchmarks.log(String.format(Locale.ROOT, "sparse: %s, slowest chunk #%d of %d: %.2f ms", what,
                    slowest + 1, arrivals.length, arrivals[slowest] / 1000.0));
        }
        return latency;
    }

    /**
     * One row: the added latency, and what fabric-mcp spent meanwhile per chunk (all its threads, the JIT's and the
     * collector's included: on a fresh server they are part of what a chunk costs).
     */
    private void row(String section, String what, Samples through, ServerProcess.Cpu used, Samples base,
                     String target) {
        double p50 = (through.percentile(50) - base.percentile(50)) / 1000;
        double p99 = (through.percentile(99) - base.percentile(99)) / 1000;
        table.add(section, "sparse added, " + what, String.format(Locale.ROOT,
                "%+.2f / %+.2f ms (p50/p99; %d chunks; max %.2f ms); fabric-mcp %.0f µs CPU, %.1f context"
                        + " switches per chunk", p50, p99, through.size(), through.max() / 1000,
                (used.userNanos() + used.systemNanos()) / 1e3 / Math.max(1, through.size()),
                used.contextSwitches() / (double) Math.max(1, through.size())), target, Verdict.of(p50 <= TARGET_P50_MS && p99 <= TARGET_P99_MS));
    }
}
