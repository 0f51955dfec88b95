package dev.fabricmcp.cli;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.transport.http.HttpTransport;
import java.io.IOException;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MCP over Streamable HTTP: the options mapped onto the core's {@link HttpTransport}, the operator endpoints
 * added, and a start failure said in the options' terms.
 */
final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private HttpServer() {
    }

    /** Serves until the JVM is asked to stop; returns the exit code. */
    static int serve(FabricMcpServer fabricMcp, Settings settings, Operations operations)
            throws InterruptedException {
        HttpTransport server = start(fabricMcp, settings.http(), operations);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fabric-mcp-shutdown"));
        // On stderr whatever the log level: with --port 0 this is the only place the port shows.
        Logging.announce(HttpServer.class, "fabric-mcp " + Version.current() + " serving MCP (Streamable HTTP) at "
                + server.endpoint());
        LOG.info("Fabric at {} ({}); bearer token {}", settings.fabricUrl(),
                settings.fabricApiKey().isPresent() ? "with API key" : "no API key",
                settings.http().token().isPresent() ? "required" : "not required");
        server.join();
        return 0;
    }

    /** Starts listening without the operator endpoints; {@link HttpTransport#close()} stops. */
    static HttpTransport start(FabricMcpServer fabricMcp, HttpSettings settings) {
        return start(fabricMcp, settings, null);
    }

    /** Starts listening, with the operator endpoints when {@code operations} is given. */
    static HttpTransport start(FabricMcpServer fabricMcp, HttpSettings settings, Operations operations) {
        HttpTransport.Builder http = HttpTransport.builder(fabricMcp)
                .host(settings.host())
                .port(settings.port())
                .path(settings.mcpPath())
                .allowedOrigins(settings.allowedOrigins())
                .allowedHosts(settings.allowedHosts())
                .sessionIdle(settings.sessionIdle())
                .bodyTimeout(settings.bodyTimeout());
        settings.token().ifPresent(token -> http.bearerToken(token.reveal()));
        if (operations != null) {
            operations.install(http);
        }
        try {
            return http.start();
        } catch (IOException e) {
            throw startFailure(settings, e);
        }
    }

    private static StartupException startFailure(HttpSettings settings, IOException e) {
        String address = HttpTransport.urlHost(settings.host()) + ":" + settings.port();
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return new StartupException("cannot listen on " + address + ": " + cause.getMessage() + ". Another"
                    + " program (another fabric-mcp?) may be using the port: choose another with --port, or stop it"
                    + " (`lsof -i :" + settings.port() + "` shows who).", e);
        }
        return new StartupException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
}
