package dev.fabricmcp.it.bench;

import dev.fabricmcp.it.bench.Table.Verdict;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run}: starts the Fabric emulator in this JVM and the real fabric-mcp as a child process, measures
 * added latency (dense, and sparse from a fresh server: {@link SparseStreams}), relay throughput, concurrency, cold
 * start (beside {@link OtherServers}) and memory, prints one table against the targets and draws the latencies
 * ({@link LatencyChart}).
 * Not a test: nothing here asserts; see {@code docs/benchmarks.md}.
 *
 * <pre>
 * Benchmarks [--quick] [--only latency,eras,throughput,concurrency,startup,memory,sparse,patterns] [--jfr DIR]
 *            [--server-opts "JVM OPTIONS"] [--no-wait] [--chart PNG]
 * </pre>
 */
public final class Benchmarks {

    // ---- targets (docs/benchmarks.md) ----
    static final double TARGET_P50_MS = 1;
    static final double TARGET_P99_MS = 5;
    static final double TARGET_STDIO_CHUNKS_PER_S = 50_000;
    static final double TARGET_CONCURRENT_P99_MS = 10;
    static final double TARGET_LIST_PATTERNS_MS = 20;
    static final double TARGET_COLD_START_MS = 500;
    static final double TARGET_IDLE_RSS_MB = 120;
    /** "No growth after warm-up": RSS after all runs at most this much above RSS half-way. */
    static final double FLAT_RSS_TOLERANCE = 0.05;

    /** Bursts per path in the throughput section; the median one is reported. */
    static final int BURSTS = 3;

    static final String SECTIONS = "latency,eras,throughput,concurrency,startup,memory,sparse,patterns";


    // ---- the emulator's scripted patterns ----
    static final String LATENCY = "bench_latency";
    static final String WARM_BURST = "bench_warm_burst";
    static final String WARM_PACED = "bench_warm_paced";
    static final String BURST = "bench_burst";
    static final String CONCURRENT = "bench_concurrent";
    static final String MEMORY = "bench_memory";
    static final String FIRST_CALL = "bench_first_call";

    /** The sizes of one run of the benchmark. */
    record Plan(boolean quick, int latencyChunks, Duration latencyInterval, int warmRuns, int burstChunks,
                int[] concurrency, int concurrentChunks, Duration concurrentInterval, Duration ramp,
                int coldStarts, int memoryRuns, int memoryChunks, int memoryChunkChars, int eraTurns) {

        static Plan fullRun() {
            return new Plan(false, 2_000, Duration.ofMillis(5), 3, 100_000, new int[]{1, 50, 200}, 300,
                    Duration.ofMillis(20), Duration.ofSeconds(1), 10, 1_000, 100, 1_000, 3);
        }

        static Plan quickRun() {
            return new Plan(true, 300, Duration.ofMillis(5), 2, 10_000, new int[]{1, 20, 50}, 100,
                    Duration.ofMillis(20), Duration.ofMillis(500), 3, 100, 100, 1_000, 1);
        }

        Plan withEraTurns(int turns) {
            if (turns < 1) {
                throw new IllegalArgumentException("--era-turns must be at least 1, was " + turns);
            }
            return new Plan(quick, latencyChunks, latencyInterval, warmRuns, burstChunks, concurrency,
                    concurrentChunks, concurrentInterval, ramp, coldStarts, memoryRuns, memoryChunks,
                    memoryChunkChars, turns);
        }
    }

    private final Plan plan;
    private final Set<String> only;
    private final Path jfrDir;
    private final List<String> serverOptions;
    private final boolean waitForQuiet;
    private final Table table = new Table();
    private final LatencyChart chart = new LatencyChart();
    private final Path chartFile;
    private boolean disturbed;
    private final HttpClient http = DirectReader.newHttpClient();
    private FabricEmulator fabric;

    // Kept between sections: the baseline and the servers warmed up by the latency section.
    private ServerProcess httpServer;
    private ServerProcess stdioSdkServer;
    private ServerProcess stdioRawServer;
    private SdkMcp sdkHttp;
    private RawHttpMcp rawHttp;
    private RawHttpMcp modernHttp;
    private RawStdioMcp modernStdio;
    private ServerProcess stdioModernServer;
    private SdkMcp sdkStdio;
    private RawStdioMcp rawStdio;
    private DirectReader direct;

    private Benchmarks(Plan plan, Set<String> only, Path jfrDir, List<String> serverOptions, boolean waitForQuiet,
                       Path chartFile) {
        this.chartFile = chartFile;
        this.waitForQuiet = waitForQuiet;
        this.plan = plan;
        this.only = only;
        this.jfrDir = jfrDir;
        this.serverOptions = serverOptions;
    }

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.fullRun();
        Integer eraTurns = null;
        Set<String> only = new LinkedHashSet<>(Arrays.asList(SECTIONS.split(",")));
        Path jfr = null;
        List<String> serverOptions = List.of();
        boolean waitForQuiet = true;
        Path chart = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> plan = Plan.quickRun();
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
                case "--no-wait" -> waitForQuiet = false;
                case "--chart" -> chart = Path.of(args[++i]).toAbsolutePath();
                case "--server-opts" -> serverOptions = List.of(args[++i].trim().split("\\s+"));
                case "--era-turns" -> eraTurns = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("bench/run [--quick] [--only " + SECTIONS + "] [--jfr DIR]"
                            + " [--server-opts 'JVM OPTIONS'] [--no-wait] [--chart PNG] [--era-turns N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        if (eraTurns != null) {
            plan = plan.withEraTurns(eraTurns);
        }
        for (String section : only) {
            if (!Arrays.asList(SECTIONS.split(",")).contains(section)) {
                throw new IllegalArgumentException("unknown section " + section + "; sections: " + SECTIONS);
            }
        }
        if (jfr != null) {
            Files.createDirectories(jfr);
        }
        if (chart == null) {
            // A smoke run must not replace the picture docs/benchmarks.md shows.
            chart = ServerProcess.root().resolve(plan.quick() ? "fabric-mcp-it/target/bench/latency.png"
                    : "docs/bench/latency.png");
        }
        new Benchmarks(plan, only, jfr, serverOptions, waitForQuiet, chart).runAll();
        // Daemon threads of the SDK clients and the emulator must not keep the JVM alive.
        System.exit(0);
    }

    private void runAll() throws Exception {
        long started = System.nanoTime();
        String machine = Machine.describe();
        System.err.println("bench: " + machine);
        fabric = FabricEmulator.builder()
                .script(LATENCY, ChatScript.timestamped(plan.latencyChunks(), plan.latencyInterval()))
                .script(WARM_BURST, ChatScript.burst(5_000))
                .script(WARM_PACED, ChatScript.timestamped(300, Duration.ofMillis(1)))
                .script(BURST, ChatScript.burst(plan.burstChunks()))
                .script(CONCURRENT, ChatScript.timestamped(plan.concurrentChunks(), plan.concurrentInterval()))
                .script(MEMORY, memoryAnswer())
                .script(FIRST_CALL, ChatScript.timestamped(1, Duration.ofMillis(1)))
                .build().start();
        try {
            if (only.contains("latency")) {
                section("1", () -> {
                    startStreamingClients();
                    latency();
                });
            }
            if (only.contains("eras")) {
                section("1b", () -> {
                    if (direct == null) {
                        startStreamingClients();
                    }
                    eras();
                });
            }
            if (only.contains("throughput")) {
                section("2", () -> {
                    if (direct == null) {
                        startStreamingClients();
                    }
                    throughput();
                });
            }
            closeStreamingClients();
            if (only.contains("concurrency")) {
                section("3", this::concurrency);
            }
            if (only.contains("startup")) {
                section("4", this::coldStart);
            }
            if (only.contains("memory")) {
                section("5", this::memory);
            }
            if (only.contains("sparse")) {
                section("6", () -> new SparseStreams(fabric, http, serverOptions, plan.quick(), table, chart,
                        this::record).run("6"));
            }
            if (only.contains("patterns")) {
                section("7", () -> PatternIndexCost.measure(table, "7", plan.quick()));
            }
        } finally {
            closeStreamingClients();
            fabric.close();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        System.out.println();
        System.out.println("fabric-mcp benchmark" + (plan.quick() ? " (--quick: smaller counts, a smoke run)" : "")
                + String.format(Locale.ROOT, ", %.1f min", minutes));
        System.out.println("machine: " + machine);
        if (!serverOptions.isEmpty()) {
            System.out.println("fabric-mcp started with extra JVM options: " + String.join(" ", serverOptions));
        }
        System.out.println();
        System.out.print(table.render());
        if (!chart.isEmpty()) {
            String warning = (plan.quick() ? "--quick" : "") + (plan.quick() && disturbed ? ", " : "")
                    + (disturbed ? "DISTURBED" : "");
            chart.write(chartFile, warning.isEmpty() ? "" : warning + ": not figures to quote");
            log("chart written to " + chartFile);
        }
    }

    @FunctionalInterface
    private interface Section {
        void run() throws Exception;
    }

    /**
     * Runs one section of the table on a quiet machine (waiting for one unless --no-wait), and adds a row saying how
     * much CPU other processes used meanwhile.
     */
    private void section(String number, Section body) throws Exception {
        if (waitForQuiet && !CpuAudit.awaitQuiet(600)) {
            log("the machine did not get quiet within 600 s: measuring anyway");
        }
        CpuAudit audit = new CpuAudit();
        body.run();
        double other = audit.otherCpus();
        disturbed |= other >= CpuAudit.QUIET;
        table.info(number, "(CPU used by other processes meanwhile)", String.format(Locale.ROOT, "%.2f CPUs%s", other,
                other < CpuAudit.QUIET ? " — quiet" : " — DISTURBED: these figures are not comparable, run again"));
    }

    private ChatScript memoryAnswer() {
        String[] chunks = new String[plan.memoryChunks()];
        for (int i = 0; i < chunks.length; i++) {
            char[] text = new char[plan.memoryChunkChars()];
            Arrays.fill(text, (char) ('a' + i % 26));
            text[text.length - 1] = '\n';
            chunks[i] = new String(text);
        }
        return ChatScript.answer(chunks);
    }

    /**
     * With --jfr, starts a flight recording (settings=profile) in a running fabric-mcp, written to DIR/name.jfr
     * when it exits. Through jcmd, not -XX:StartFlightRecording: JDK 17 prints "Started recording" on stdout
     * whatever -Xlog says, which would corrupt a stdio server's MCP stream.
     */
    private void record(ServerProcess server, String name) throws IOException, InterruptedException {
        if (jfrDir == null) {
            return;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "JFR.start", "name=bench",
                "settings=profile", "dumponexit=true", "filename=" + jfrDir.resolve(name + ".jfr"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            log("jcmd JFR.start failed for " + name + ": " + out);
        }
    }

    /** fabric-mcp over stdio through the launcher, its profile recorded under {@code name} when asked for. */
    private ServerProcess launchedStdio(String name) throws Exception {
        ServerProcess server = ServerProcess.stdio(name, ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions);
        record(server, name);
        return server;
    }

    // ---- 1 and 2: added latency and throughput, one client at a time ----

    private void startStreamingClients() throws Exception {
        log("starting fabric-mcp (HTTP, and twice stdio) through the launcher");
        direct = new DirectReader(http, fabric.uri());
        httpServer = ServerProcess.http("http", ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions);
        sdkHttp = SdkMcp.http(httpServer.endpoint());
        record(httpServer, "http");
        rawHttp = RawHttpMcp.connect(http, httpServer.endpoint());
        stdioSdkServer = launchedStdio("stdio-sdk");
        sdkStdio = SdkMcp.stdio(stdioSdkServer);
        stdioRawServer = launchedStdio("stdio-raw");
        rawStdio = RawStdioMcp.connect(stdioRawServer);
        modernHttp = RawHttpMcp.connectModern(http, httpServer.endpoint());
        stdioModernServer = launchedStdio("stdio-modern");
        modernStdio = RawStdioMcp.connectModern(stdioModernServer);
        log("warming up every path (" + plan.warmRuns() + " x 5,000-chunk bursts and 300 paced chunks each)");
        for (StreamClient client : List.of(direct, sdkHttp, rawHttp, sdkStdio, rawStdio, modernHttp, modernStdio)) {
            for (int i = 0; i < plan.warmRuns(); i++) {
                client.run(WARM_BURST);
                client.run(WARM_PACED);
            }
        }
        fabric.clearRecords();
    }

    private void closeStreamingClients() {
        for (AutoCloseable c : Arrays.asList(sdkHttp, rawHttp, sdkStdio, rawStdio, modernHttp, modernStdio, httpServer,
                stdioSdkServer, stdioRawServer, stdioModernServer)) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    log("closing: " + e);
                }
            }
        }
        sdkHttp = null;
        rawHttp = null;
        sdkStdio = null;
        rawStdio = null;
        modernHttp = null;
        modernStdio = null;
        stdioModernServer = null;
        httpServer = null;
        stdioSdkServer = null;
        stdioRawServer = null;
    }

    private void latency() throws Exception {
        String section = "1";
        log("latency: " + plan.latencyChunks() + " chunks every " + plan.latencyInterval().toMillis()
                + " ms through each path");
        Samples base = measure(direct).arrivals().latencyMicros;
        expect(base, plan.latencyChunks(), "direct");
        String dense = String.format(Locale.ROOT, "dense: warmed-up server, %d chunks, one per %d ms",
                plan.latencyChunks(), plan.latencyInterval().toMillis());
        chart.add("dense", dense, "direct /chat", base);
        table.info(section, "direct /chat reader (baseline), absolute", percentiles(base));
        String target = "p50 ≤ " + fmt(TARGET_P50_MS) + ", p99 ≤ " + fmt(TARGET_P99_MS);
        record Lane(String name, StreamClient client) {
        }
        for (Lane path : List.of(new Lane("HTTP, SDK client", sdkHttp), new Lane("HTTP, raw SSE reader", rawHttp),
                new Lane("stdio, SDK client", sdkStdio), new Lane("stdio, raw line reader", rawStdio),
                new Lane("HTTP, modern (2026-07-28) raw SSE reader", modernHttp),
                new Lane("stdio, modern (2026-07-28) raw line reader", modernStdio))) {
            Samples through = measure(path.client()).arrivals().latencyMicros;
            expect(through, plan.latencyChunks(), path.name());
            chart.add("dense", dense, path.name(), through);
            double p50 = added(through, base, 50);
            double p99 = added(through, base, 99);
            table.add(section, "added latency/chunk, " + path.name(), percentilesAdded(through, base), target,
                    Verdict.of(p50 <= TARGET_P50_MS && p99 <= TARGET_P99_MS));
            fabric.clearRecords();
        }
    }

    /**
     * The two protocol eras side by side, done fairly (issue 11: modern no worse than legacy): per transport, the
     * legacy and the modern raw reader take turns, each right after a direct run of its own as its baseline, and
     * the medians over the turns are reported. The rows of section 1 run each path once, one after the other; from
     * one run to the next they move by about 0.1 ms at p50, as much as the eras differ.
     */
    private void eras() throws Exception {
        String section = "1b";
        int turns = plan.eraTurns();
        log("eras: " + turns + " turns of legacy and modern raw readers, " + plan.latencyChunks()
                + " chunks each, a direct baseline before each");
        record Era(String transport, StreamClient legacy, StreamClient modern) {
        }
        for (Era era : List.of(new Era("HTTP", rawHttp, modernHttp), new Era("stdio", rawStdio, modernStdio))) {
            List<double[]> legacy = new ArrayList<>();
            List<double[]> modern = new ArrayList<>();
            for (int turn = 0; turn < turns; turn++) {
                legacy.add(addedAfterOwnBaseline(era.legacy()));
                modern.add(addedAfterOwnBaseline(era.modern()));
            }
            String of = ", median of " + turns + " turn" + (turns == 1 ? "" : "s");
            table.info(section, "eras, " + era.transport() + ", legacy (2025-11-25) raw reader" + of,
                    addedTriple(medians(legacy)));
            table.info(section, "eras, " + era.transport() + ", modern (2026-07-28) raw reader" + of,
                    addedTriple(medians(modern)));
        }
    }

    /** Added p50, p95 and p99 of one run through {@code client}, against a direct run made just before it. */
    private double[] addedAfterOwnBaseline(StreamClient client) throws Exception {
        Samples base = measure(direct).arrivals().latencyMicros;
        Samples through = measure(client).arrivals().latencyMicros;
        return new double[]{added(through, base, 50), added(through, base, 95), added(through, base, 99)};
    }

    /** Per column, the nearest-rank median over the turns, as every percentile of this benchmark is taken. */
    private static double[] medians(List<double[]> turns) {
        double[] medians = new double[turns.get(0).length];
        for (int i = 0; i < medians.length; i++) {
            int column = i;
            double[] values = turns.stream().mapToDouble(turn -> turn[column]).sorted().toArray();
            medians[i] = values[(values.length - 1) / 2];
        }
        return medians;
    }

    private static String addedTriple(double[] added) {
        return String.format(Locale.ROOT, "%+.2f / %+.2f / %+.2f ms (p50/p95/p99)", added[0], added[1], added[2]);
    }

    private StreamClient.Run measure(StreamClient client) throws Exception {
        StreamClient.Run run = client.run(LATENCY);
        fabric.clearRecords();
        return run;
    }

    private void throughput() throws Exception {
        String section = "2";
        log("throughput: a burst of " + plan.burstChunks() + " chunks through each path");
        StreamClient.Run base = medianOfBursts(direct, "direct");
        table.info(section, "direct /chat reader (baseline)", rate(base));
        String target = "≥ " + String.format(Locale.ROOT, "%,.0f", TARGET_STDIO_CHUNKS_PER_S) + "/s";
        record Lane(String name, StreamClient client, ServerProcess server) {
        }
        for (Lane path : List.of(new Lane("stdio, SDK client", sdkStdio, stdioSdkServer),
                new Lane("stdio, raw line reader", rawStdio, stdioRawServer),
                new Lane("HTTP, SDK client", sdkHttp, httpServer),
                new Lane("HTTP, raw SSE reader", rawHttp, httpServer),
                new Lane("stdio, modern (2026-07-28) raw line reader", modernStdio, stdioModernServer),
                new Lane("HTTP, modern (2026-07-28) raw SSE reader", modernHttp, httpServer))) {
            ServerProcess.Cpu before = path.server().cpu();
            StreamClient.Run run = medianOfBursts(path.client(), path.name());
            ServerProcess.Cpu used = path.server().cpu().minus(before);
            double chunks = BURSTS * (double) plan.burstChunks();
            double perSecond = run.arrivals().count() / run.seconds();
            String measured = rate(run) + String.format(Locale.ROOT, "; fabric-mcp %.1f µs CPU (%.0f%% kernel), %.2f"
                    + " context switches per chunk", (used.userNanos() + used.systemNanos()) / 1e3 / chunks,
                    100.0 * used.systemNanos() / Math.max(1, used.userNanos() + used.systemNanos()),
                    used.contextSwitches() / chunks);
            if (path.server() != httpServer) {
                table.add(section, "relay throughput, " + path.name(), measured, target,
                        Verdict.of(perSecond >= TARGET_STDIO_CHUNKS_PER_S));
            } else {
                table.info(section, "relay throughput, " + path.name(), measured);
            }
        }
    }

    /** The run of median speed among {@link #BURSTS} bursts. */
    private StreamClient.Run medianOfBursts(StreamClient client, String name) throws Exception {
        List<StreamClient.Run> runs = new ArrayList<>();
        for (int i = 0; i < BURSTS; i++) {
            StreamClient.Run run = client.run(BURST);
            fabric.clearRecords();
            if (run.arrivals().count() < plan.burstChunks()) {
                log(name + ": only " + run.arrivals().count() + " of " + plan.burstChunks() + " chunks arrived");
            }
            runs.add(run);
        }
        runs.sort(java.util.Comparator.comparingDouble(StreamClient.Run::seconds));
        return runs.get(runs.size() / 2);
    }

    private static String rate(StreamClient.Run run) {
        return String.format(Locale.ROOT, "%,.0f chunks/s (%,d in %.2f s, median of " + BURSTS + ")",
                run.arrivals().count() / run.seconds(),
                run.arrivals().count(), run.seconds());
    }

    // ---- 3: concurrency ----

    private void concurrency() throws Exception {
        String section = "3";
        try (ServerProcess server = ServerProcess.http("http-concurrency", ServerProcess.Launch.LAUNCHER,
                fabric.uri(), serverOptions)) {
            URI endpoint = server.endpoint();
            HttpClient client = DirectReader.newHttpClient();
            RawHttpMcp lister = RawHttpMcp.connect(client, endpoint);
            record(server, "http-concurrency");
            log("concurrency: warming up the server");
            try (RawHttpMcp warm = RawHttpMcp.connect(client, endpoint)) {
                for (int i = 0; i < plan.warmRuns(); i++) {
                    warm.run(WARM_BURST);
                    warm.run(WARM_PACED);
                }
            }
            Samples directList = new Samples();
            java.net.http.HttpRequest names = java.net.http.HttpRequest.newBuilder(fabric.uri("/patterns/names"))
                    .GET().build();
            for (int i = 0; i < 50; i++) {
                long t = System.nanoTime();
                client.send(names, java.net.http.HttpResponse.BodyHandlers.ofString());
                directList.add(System.nanoTime() - t);
            }
            table.info(section, "emulator's GET /patterns/names, direct (baseline)", listing(directList));
            Samples idleList = new Samples();
            ServerProcess.Cpu before = server.cpu();
            for (int i = 0; i < 50; i++) {
                idleList.add(lister.listPatterns());
            }
            ServerProcess.Cpu listCpu = server.cpu().minus(before);
            fabric.clearRecords();
            table.info(section, "fabric_list_patterns, idle server", listing(idleList) + String.format(Locale.ROOT,
                    "; fabric-mcp %.2f ms CPU per call", (listCpu.userNanos() + listCpu.systemNanos()) / 1e6 / 50));
            for (int n : plan.concurrency()) {
                log("concurrency: " + n + " streams of " + plan.concurrentChunks() + " chunks every "
                        + plan.concurrentInterval().toMillis() + " ms, direct");
                Concurrent base = concurrent(n, () -> new DirectReader(client, fabric.uri()), null, null);
                log("concurrency: the same through fabric-mcp (raw SSE readers), with fabric_list_patterns calls");
                Concurrent through = concurrent(n, () -> RawHttpMcp.connect(client, endpoint), lister, server);
                ServerProcess.Cpu used = through.serverCpu();
                double serverCpus = (used.userNanos() + used.systemNanos()) / (double) through.steadyNanos();
                double chunks = n * (double) through.steadyNanos() / plan.concurrentInterval().toNanos();
                double p99 = added(through.latency(), base.latency(), 99);
                String label = n + " stream" + (n == 1 ? "" : "s") + String.format(Locale.ROOT, " (%,.0f chunks/s)",
                        n * 1000.0 / plan.concurrentInterval().toMillis());
                boolean targeted = n == plan.concurrency()[plan.concurrency().length - 1] && !plan.quick();
                String measured = percentilesAdded(through.latency(), base.latency())
                        + String.format(Locale.ROOT, "; fabric-mcp used %.2f CPUs (%.0f%% kernel), %.0f µs CPU and"
                        + " %.1f context switches per chunk", serverCpus,
                        100.0 * used.systemNanos() / Math.max(1, used.userNanos() + used.systemNanos()),
                        (used.userNanos() + used.systemNanos()) / 1e3 / chunks, used.contextSwitches() / chunks);
                if (targeted) {
                    table.add(section, "added latency/chunk, " + label, measured, "p99 ≤ "
                            + fmt(TARGET_CONCURRENT_P99_MS), Verdict.of(p99 <= TARGET_CONCURRENT_P99_MS));
                    double p95 = through.listing().percentile(95) / 1e6;
                    table.add(section, "fabric_list_patterns during " + label, listing(through.listing()),
                            "p95 ≤ " + fmt(TARGET_LIST_PATTERNS_MS), Verdict.of(p95 <= TARGET_LIST_PATTERNS_MS));
                } else {
                    table.info(section, "added latency/chunk, " + label, measured);
                    table.info(section, "fabric_list_patterns during " + label, listing(through.listing()));
                }
            }
            lister.close();
        }
    }

    /**
     * @param serverCpu   what fabric-mcp used while all streams ran (and the lister called), when measured
     * @param steadyNanos how long that was
     */
    private record Concurrent(Samples latency, Samples listing, ServerProcess.Cpu serverCpu, long steadyNanos) {
    }

    @FunctionalInterface
    private interface ClientFactory {
        StreamClient open() throws Exception;
    }

    /**
     * {@code n} streams at once, their starts spread over the ramp; the latency of the chunks sent while all of them
     * were running. With a lister, {@code fabric_list_patterns} is called every 100 ms meanwhile.
     */
    private Concurrent concurrent(int n, ClientFactory factory, RawHttpMcp lister, ServerProcess server)
            throws Exception {
        List<StreamClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(factory.open());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n + 1);
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Samples listing = new Samples();
        try {
            List<Future<StreamClient.Run>> runs = new ArrayList<>();
            long rampNanos = plan.ramp().toNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                StreamClient client = clients.get(i);
                long startAt = t0 + rampNanos * i / n;
                runs.add(pool.submit(() -> {
                    try {
                        sleepUntil(startAt);
                        return client.run(CONCURRENT);
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        finished.incrementAndGet();
                    }
                }));
            }
            ServerProcess.Cpu[] steadyCpu = new ServerProcess.Cpu[1];
            long[] steadyNanos = new long[1];
            Future<?> listTask = lister == null ? null : pool.submit(() -> {
                sleepUntil(t0 + rampNanos + TimeUnit.MILLISECONDS.toNanos(200));
                ServerProcess.Cpu cpuAtStart = server.cpu();
                long steadyStart = System.nanoTime();
                while (finished.get() == 0 && !failed.get()) {
                    listing.add(lister.listPatterns());
                    Thread.sleep(100);
                }
                steadyCpu[0] = server.cpu().minus(cpuAtStart);
                steadyNanos[0] = System.nanoTime() - steadyStart;
                return null;
            });
            List<StreamClient.Run> done = new ArrayList<>();
            for (Future<StreamClient.Run> run : runs) {
                done.add(run.get(10, TimeUnit.MINUTES));
            }
            if (listTask != null) {
                listTask.get(1, TimeUnit.MINUTES);
            }
            return new Concurrent(steadyState(done), listing, steadyCpu[0], steadyNanos[0]);
        } finally {
            pool.shutdownNow();
            for (StreamClient client : clients) {
                client.close();
            }
            fabric.clearRecords();
        }
    }

    /** The latencies of the chunks sent after the last stream started and before the first one ended. */
    private Samples steadyState(List<StreamClient.Run> runs) {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        for (StreamClient.Run run : runs) {
            long[] sent = run.arrivals().sentMicros.toArray();
            expect(run.arrivals().latencyMicros, plan.concurrentChunks(), "a concurrent stream");
            from = Math.max(from, sent[0]);
            to = Math.min(to, sent[sent.length - 1]);
        }
        Samples steady = new Samples();
        for (StreamClient.Run run : runs) {
            long[] sent = run.arrivals().sentMicros.toArray();
            long[] latency = run.arrivals().latencyMicros.toArray();
            for (int i = 0; i < sent.length; i++) {
                if (sent[i] >= from && sent[i] <= to) {
                    steady.add(latency[i]);
                }
            }
        }
        if (steady.size() == 0) {
            log("no steady state: the streams never all ran at once; using every chunk");
            for (StreamClient.Run run : runs) {
                steady.addAll(run.arrivals().latencyMicros);
            }
        }
        return steady;
    }

    private static String listing(Samples nanos) {
        return inMillis(nanos, "p50 %.1f / p95 %.1f / max %.1f ms (%d calls)", 95);
    }

    /** {@code format} filled with the median, the {@code percentile}, the maximum (all in ms) and the count. */
    private static String inMillis(Samples nanos, String format, double percentile) {
        return String.format(Locale.ROOT, format, nanos.median() / 1e6, nanos.percentile(percentile) / 1e6,
                nanos.max() / 1e6, nanos.size());
    }

    // ---- 4: cold start ----

    private void coldStart() throws Exception {
        String section = "4";
        log("cold start: priming the launcher (builds the class-data archive if the jar is newer)");
        long primeStart = System.nanoTime();
        Process prime = new ProcessBuilder(ServerProcess.launcher().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        prime.getOutputStream().close();
        prime.waitFor(2, TimeUnit.MINUTES);
        log(String.format(Locale.ROOT, "cold start: priming took %.0f ms", (System.nanoTime() - primeStart) / 1e6));
        Path unpacked = Files.createTempDirectory("fabric-mcp-bench-dist");
        try {
            // Every server is spawned and asked by the same client (timeToAnswer), in turn, so that a change of
            // the machine's load meanwhile touches them alike.
            record Contender(String what, ServerStart start, boolean fabricMcp, Samples initialize, Samples discover,
                             Samples firstChunk) {
                Contender(String what, ServerStart start, boolean fabricMcp) {
                    this(what, start, fabricMcp, new Samples(), new Samples(), new Samples());
                }
            }
            List<Contender> contenders = new ArrayList<>(List.of(
                    new Contender("./fabric-mcp (stdio)", name -> ServerProcess.stdio(name,
                            ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions), true),
                    new Contender("java -jar (stdio)", name -> ServerProcess.stdio(name,
                            ServerProcess.Launch.JAVA_JAR, fabric.uri(), serverOptions), true)));
            OtherServers.java25().ifPresent(home -> contenders.add(new Contender(
                    "./fabric-mcp on Java " + home.version() + " (stdio, AOT cache)", name -> ServerProcess.stdio(name,
                            List.of("env", "JAVA_HOME=" + home.path(), ServerProcess.launcher().toString()),
                            fabric.uri()), true)));
            OtherServers.distribution(unpacked).ifPresent(launcher -> contenders.add(new Contender(
                    "distribution's bin/fabric-mcp (stdio)",
                    name -> ServerProcess.stdio(name, List.of(launcher.toString()), fabric.uri()), true)));
            OtherServers.serverEverything().ifPresent(command -> contenders.add(new Contender(
                    "TypeScript reference server-everything (stdio)",
                    name -> ServerProcess.stdio(name, command, fabric.uri()), false)));
            for (Contender c : contenders.subList(1, contenders.size())) {
                // its first start reads its files from disk (and trains the launcher's cache on another Java)
                timeToAnswer(c.start(), "prime", INITIALIZE);
            }
            for (int i = 0; i < plan.coldStarts(); i++) {
                for (Contender c : contenders) {
                    c.initialize().add(timeToAnswer(c.start(), "cold-" + i, INITIALIZE));
                    if (c.fabricMcp()) {
                        c.discover().add(timeToAnswer(c.start(), "cold-discover-" + i, DISCOVER));
                        c.firstChunk().add(timeToFirstChunk(c.start(), "cold-call-" + i));
                    }
                }
            }
            double reference = contenders.get(contenders.size() - 1).fabricMcp() ? Double.NaN
                    : contenders.get(contenders.size() - 1).initialize().median() / 1e6;
            for (Contender c : contenders) {
                if (c == contenders.get(0)) {
                    double median = c.initialize().median() / 1e6;
                    table.add(section, "spawn → initialize answered, " + c.what(), startup(c.initialize()),
                            "≤ " + fmt(TARGET_COLD_START_MS) + " ms", Verdict.of(median <= TARGET_COLD_START_MS));
                } else {
                    table.info(section, "spawn → initialize answered, " + c.what(), startup(c.initialize()));
                }
            }
            for (Contender c : contenders) {
                if (c.fabricMcp()) {
                    table.info(section, "spawn → server/discover answered (2026-07-28), " + c.what(),
                            startup(c.discover()));
                }
            }
            for (Contender c : contenders) {
                if (c.fabricMcp()) {
                    table.info(section, "spawn → first chunk of a call sent at once, " + c.what(),
                            startup(c.firstChunk()));
                }
            }
            if (!Double.isNaN(reference)) {
                log(String.format(Locale.ROOT, "cold start: the TypeScript reference server answers initialize in"
                        + " %.0f ms (median); issue 14 asks fabric-mcp for at most that", reference));
            }
        } finally {
            try (var files = Files.walk(unpacked)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @FunctionalInterface
    private interface ServerStart {
        ServerProcess start(String name) throws Exception;
    }

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench-cold-start\","
            + "\"version\":\"1\"}}}";
    private static final String DISCOVER = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":"
            + "{\"_meta\":{" + RawStdioMcp.MODERN_META + "}}}";

    /**
     * Spawn → the result of request 1 ({@link #INITIALIZE} or {@link #DISCOVER}) read from stdout, with the request
     * written right after the spawn: what an MCP client waits for. Lines before the result (a server may log or
     * notify first) are skipped.
     */
    private static long timeToAnswer(ServerStart start, String name, String request) throws Exception {
        long begin = System.nanoTime();
        try (ServerProcess server = start.start(name)) {
            OutputStream stdin = server.stdin();
            stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            BufferedReader stdout = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            String line;
            do {
                line = stdout.readLine();
            } while (line != null && !line.contains("\"id\":1"));
            long took = System.nanoTime() - begin;
            if (line == null || !line.contains("\"result\"")) {
                throw new IllegalStateException("no result: " + line + "\n" + server.stderrTail());
            }
            return took;
        }
    }

    /**
     * Spawn → the first chunk of a streamed run, with initialize, notifications/initialized and the
     * {@code tools/call} all written right after the spawn, as a client that calls at once does: the start and
     * the first call's own set-up (classes, the connection to Fabric) together.
     */
    private static long timeToFirstChunk(ServerStart start, String name) throws Exception {
        long begin = System.nanoTime();
        try (ServerProcess server = start.start(name)) {
            OutputStream stdin = server.stdin();
            stdin.write((INITIALIZE + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\"" + FIRST_CALL + "\",\"input_text\":"
                    + "\"bench\",\"stream\":true},\"_meta\":{\"progressToken\":\"first\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            BufferedReader stdout = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            String line;
            do {
                line = stdout.readLine();
            } while (line != null && !line.contains("\"notifications/progress\"") && !line.contains("\"id\":2"));
            long took = System.nanoTime() - begin;
            if (line == null || !line.contains("\"notifications/progress\"")) {
                throw new IllegalStateException("no progress: " + line + "\n" + server.stderrTail());
            }
            return took;
        }
    }

    private static String startup(Samples nanos) {
        return inMillis(nanos, "median %.0f ms (min %.0f, max %.0f; %d runs)", 0);
    }

    // ---- 5: memory ----

    private void memory() throws Exception {
        String section = "5";
        int runs = plan.memoryRuns();
        double mb = runs * (double) plan.memoryChunks() * plan.memoryChunkChars() / 1e6;
        for (String transport : List.of("stdio", "HTTP")) {
            boolean stdio = transport.equals("stdio");
            String name = "memory-" + transport.toLowerCase(Locale.ROOT);
            try (ServerProcess server = stdio
                    ? ServerProcess.stdio(name, ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions)
                    : ServerProcess.http(name, ServerProcess.Launch.LAUNCHER, fabric.uri(), serverOptions)) {
                StreamClient client = stdio ? RawStdioMcp.connect(server) : RawHttpMcp.connect(http, server.endpoint());
                record(server, name);
                Thread.sleep(2_000);
                long idle = server.rssKb();
                nativeMemory(server, name + " idle");
                log("memory (" + transport + "): idle " + idle / 1024 + " MB; " + runs + " runs of "
                        + plan.memoryChunks() * plan.memoryChunkChars() / 1000 + " KB");
                long half = 0;
                long peak = idle;
                long start = System.nanoTime();
                for (int i = 1; i <= runs; i++) {
                    StreamClient.Run run = client.run(MEMORY);
                    if (run.arrivals().count() < plan.memoryChunks()) {
                        throw new IllegalStateException("run " + i + ": only " + run.arrivals().count() + " chunks");
                    }
                    if (i % 50 == 0) {
                        fabric.clearRecords();
                        peak = Math.max(peak, server.rssKb());
                    }
                    if (i == runs / 2) {
                        half = server.rssKb();
                        nativeMemory(server, name + " after " + i + " runs");
                    }
                }
                long end = server.rssKb();
                nativeMemory(server, name + " after " + runs + " runs");
                double seconds = (System.nanoTime() - start) / 1e9;
                client.close();
                table.add(section, "RSS idle, " + transport + " (./fabric-mcp)", mbOf(idle),
                        "≤ " + fmt(TARGET_IDLE_RSS_MB) + " MB", Verdict.of(idle / 1024.0 <= TARGET_IDLE_RSS_MB));
                double growth = (end - half) / (double) half;
                table.add(section, "RSS after " + runs / 2 + " → " + runs + " runs, " + transport,
                        String.format(Locale.ROOT, "%s → %s (%+.1f%%; peak %s; %.0f MB relayed in %.0f s)",
                                mbOf(half), mbOf(end), growth * 100, mbOf(peak), mb, seconds),
                        "flat (≤ +" + Math.round(FLAT_RSS_TOLERANCE * 100) + "%)",
                        Verdict.of(growth <= FLAT_RSS_TOLERANCE));
            }
            fabric.clearRecords();
        }
    }

    private static final java.util.regex.Pattern NMT_LINE = java.util.regex.Pattern.compile(
            "^(?:(Total):|-\\s+([\\w ]+?)\\s+\\()\\s*reserved=\\d+KB, committed=(\\d+)KB",
            java.util.regex.Pattern.MULTILINE);

    /**
     * With {@code --server-opts -XX:NativeMemoryTracking=summary}, logs where the JVM's committed memory is (jcmd
     * VM.native_memory summary), one category per line, to see what an RSS figure is made of.
     */
    private void nativeMemory(ServerProcess server, String when) throws IOException, InterruptedException {
        if (serverOptions.stream().noneMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
            return;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        StringBuilder summary = new StringBuilder("native memory, " + when + " (RSS " + mbOf(server.rssKb()) + "):");
        java.util.regex.Matcher m = NMT_LINE.matcher(out);
        while (m.find()) {
            long committed = Long.parseLong(m.group(3));
            if (committed >= 1024) {
                summary.append(' ').append(m.group(1) != null ? "Total" : m.group(2).strip().replace(' ', '_'))
                        .append('=').append(committed / 1024).append("MB");
            }
        }
        log(summary.toString());
    }

    private static String mbOf(long kb) {
        return String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
    }

    // ---- helpers ----

    /** pX(through) − pX(direct), in ms. */
    private static double added(Samples through, Samples base, double p) {
        return (through.percentile(p) - base.percentile(p)) / 1000.0;
    }

    private static String percentiles(Samples micros) {
        return String.format(Locale.ROOT, "p50 %.2f / p95 %.2f / p99 %.2f ms", micros.percentile(50) / 1000,
                micros.percentile(95) / 1000, micros.percentile(99) / 1000);
    }

    private static String percentilesAdded(Samples through, Samples base) {
        return addedTriple(new double[]{added(through, base, 50), added(through, base, 95), added(through, base, 99)});
    }

    private static void expect(Samples samples, int expected, String what) {
        if (samples.size() != expected) {
            log(what + ": " + samples.size() + " stamped chunks arrived, expected " + expected);
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    static void log(String message) {
        System.err.println("bench: " + message);
    }

    /** The machine the figures come from. */
    static final class Machine {
        static String describe() {
            String cpu = "?";
            long memKb = 0;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).strip();
                        break;
                    }
                }
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                // not Linux: leave the question marks
            }
            return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB memory, %s %s (%s), %s %s",
                    Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
                    System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                    System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"));
        }
    }
}
