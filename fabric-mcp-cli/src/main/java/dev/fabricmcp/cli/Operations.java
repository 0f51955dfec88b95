package dev.fabricmcp.cli;

import dev.fabricmcp.core.transport.http.HttpTransport;
import dev.fabricmcp.core.transport.http.HttpTransport.Access;

/**
 * The HTTP server's operator endpoints and metrics, added to the transport in one call: {@code /healthz},
 * {@code /readyz} and {@code /metrics} beside the MCP endpoint, and every response counted by status.
 *
 * @param readiness what {@code /readyz} answers
 * @param metrics   what {@code /metrics} shows, and where response statuses are counted
 */
record Operations(Readiness readiness, Metrics metrics) {

    /**
     * Adds the endpoints. {@code /healthz} gets the Host and Origin checks only, so a probe needs no token;
     * {@code /readyz} and {@code /metrics} also need the bearer token when one is set, as the MCP endpoint does.
     */
    HttpTransport.Builder install(HttpTransport.Builder http) {
        OperationsServlet servlet = new OperationsServlet(readiness, metrics);
        return http.endpoint(OperationsServlet.HEALTH, servlet, Access.OPEN)
                .endpoint(OperationsServlet.READY, servlet, Access.TOKEN)
                .endpoint(OperationsServlet.METRICS, servlet, Access.TOKEN)
                .onResponse(metrics::httpResponse);
    }
}
