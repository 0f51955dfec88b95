package dev.fabricmcp.cli;

import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.ServerObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * fabric-mcp's metrics in a Prometheus registry of their own, written in Prometheus' text format for
 * {@code GET /metrics}. The core reports through {@link ServerObserver}; the Fabric client's requests and the HTTP
 * responses are reported by the CLI's wiring.
 */
final class Metrics implements ServerObserver {

    /** Buckets for things measured in seconds, from a fast local Fabric to a slow thinking model. */
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
        600};

    // Every metric is built withoutExemplars(): with no tracer there is nothing to sample, yet the exemplar sampler
    // schedules a task on its own timer thread for each observation, two wake-ups per relayed chunk
    // (docs/benchmarks.md, "Sparse streams: the wake-ups of one chunk").
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Gauge callsInFlight = Gauge.builder().name("fabric_mcp_tool_calls_in_flight")
            .help("Tool calls being answered now").labelNames("tool").withoutExemplars().register(registry);
    private final Counter calls = Counter.builder().name("fabric_mcp_tool_calls")
            .help("Tool calls answered, by tool, outcome (ok, error: an isError result, cancelled) and, for errors,"
                    + " the kind of failure (e.g. fabric_unreachable, timeout, bad_arguments)")
            .labelNames("tool", "outcome", "error").withoutExemplars().register(registry);
    private final Gauge sessions = Gauge.builder().name("fabric_mcp_active_sessions")
            .help("Open now, by protocol era: legacy sessions (2025-11-25 and older); for the modern era"
                    + " (2026-07-28), which has no sessions, the requests being answered")
            .labelNames("era").withoutExemplars().register(registry);
    private final Histogram callDuration = Histogram.builder().name("fabric_mcp_tool_call_duration_seconds")
            .help("How long tool calls took, by tool (fabric_run_pattern: the whole run)").labelNames("tool")
            .classicUpperBounds(SECONDS).classicOnly().withoutExemplars().register(registry);
    private final Histogram firstChunk = Histogram.builder().name("fabric_mcp_run_first_chunk_seconds")
            .help("Time from the start of a pattern run to Fabric's first chunk")
            .classicUpperBounds(SECONDS).classicOnly().withoutExemplars().register(registry);
    private final Counter chunksRelayed = Counter.builder().name("fabric_mcp_chunks_relayed")
            .help("Chunks of streamed runs handed to the client's transport").withoutExemplars().register(registry);
    private final Histogram fabricLatency = Histogram.builder().name("fabric_mcp_fabric_request_seconds")
            .help("Fabric's REST API: time to the response headers, by route and status (0: no answer)")
            .labelNames("route", "status").classicUpperBounds(SECONDS).classicOnly().withoutExemplars()
            .register(registry);
    private final Counter httpResponses = Counter.builder().name("fabric_mcp_http_responses")
            .help("HTTP responses sent, by status code").labelNames("status").withoutExemplars().register(registry);

    @Override
    public void toolCallStarted(String tool) {
        callsInFlight.labelValues(tool).inc();
    }

    Metrics() {
        for (Era era : Era.values()) {
            sessions.labelValues(era.label()); // both eras show from the first scrape, at 0
        }
    }

    @Override
    public void toolCallEnded(String tool, Outcome outcome, FailureKind failure, Duration duration) {
        callsInFlight.labelValues(tool).dec();
        calls.labelValues(tool, outcome.label(), failure == null ? "" : failure.label()).inc();
        callDuration.labelValues(tool).observe(seconds(duration));
    }

    @Override
    public void sessionOpened(Era era) {
        sessions.labelValues(era.label()).inc();
    }

    @Override
    public void sessionClosed(Era era) {
        sessions.labelValues(era.label()).dec();
    }

    @Override
    public void firstChunk(Duration wait) {
        firstChunk.observe(seconds(wait));
    }

    @Override
    public void chunkRelayed() {
        chunksRelayed.inc();
    }

    /** A request to Fabric got its response headers ({@code status} 0: it failed without an answer). */
    void fabricRequest(String route, int status, Duration latency) {
        fabricLatency.labelValues(route, Integer.toString(status)).observe(seconds(latency));
    }

    void httpResponse(int status) {
        httpResponses.labelValues(Integer.toString(status)).inc();
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
