package dev.fabricmcp.cli;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.EventsHandler;

/**
 * The HTTP server's operator endpoints and metrics, added to its wiring in two calls: {@link #install} adds
 * {@code /healthz}, {@code /readyz} and {@code /metrics} beside the MCP endpoint, {@link #observe} counts every
 * response by status.
 *
 * @param readiness what {@code /readyz} answers
 * @param metrics   what {@code /metrics} shows, and where response statuses are counted
 */
record Operations(Readiness readiness, Metrics metrics) {

    /**
     * Adds the endpoints. {@code /healthz} gets the Host and Origin checks only ({@code open}), so a probe needs no
     * token; {@code /readyz} and {@code /metrics} also need the bearer token when one is set ({@code guarded}, the
     * MCP endpoint's own filter).
     */
    void install(ServletContextHandler context, FilterHolder open, FilterHolder guarded) {
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(open, OperationsServlet.HEALTH, requests);
        context.addFilter(guarded, OperationsServlet.READY, requests);
        context.addFilter(guarded, OperationsServlet.METRICS, requests);
        ServletHolder servlet = new ServletHolder(new OperationsServlet(readiness, metrics));
        for (String path : new String[] {OperationsServlet.HEALTH, OperationsServlet.READY, OperationsServlet.METRICS}) {
            context.addServlet(servlet, path);
        }
    }

    /** {@code handler}, counting each response's status once it is complete. */
    Handler observe(Handler handler) {
        return new EventsHandler(handler) {
            @Override
            protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
                metrics.httpResponse(status);
            }
        };
    }
}
