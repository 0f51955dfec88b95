package dev.fabricmcp.cli;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The endpoints an operator's tools call, beside the MCP endpoint: {@code GET /healthz} (the process serves),
 * {@code GET /readyz} (Fabric answers with the configured key; see {@link Readiness}) and {@code GET /metrics}
 * (Prometheus' text format). The {@link AccessFilter}s in front decide who may call them.
 */
final class OperationsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";
    static final String METRICS = "/metrics";

    private final transient Readiness readiness;
    private final transient Metrics metrics;

    OperationsServlet(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        switch (request.getServletPath()) {
            case HEALTH -> text(response, HttpServletResponse.SC_OK, "ok");
            case READY -> {
                Optional<String> problem = readiness.problem();
                text(response, problem.isEmpty() ? HttpServletResponse.SC_OK
                        : HttpServletResponse.SC_SERVICE_UNAVAILABLE, problem.map(p -> "not ready: " + p)
                        .orElse("ready"));
            }
            case METRICS -> {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(metrics.contentType());
                metrics.write(response.getOutputStream());
            }
            default -> text(response, HttpServletResponse.SC_NOT_FOUND, "not found");
        }
    }

    private static void text(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write((body + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
