package dev.fabricmcp.core.transport.http;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.protocol.JsonRpc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before any of fabric-mcp's code sees the request (a body too slow or too large,
 * malformed HTTP, headers too large), as JSON-RPC errors like every other answer of the MCP endpoint. The message
 * is ours, chosen by status: Jetty's reason text is not passed on.
 */
final class JsonRpcErrorHandler extends ErrorHandler {

    private final Duration bodyTimeout;
    private final int maxBodyBytes;

    JsonRpcErrorHandler(Duration bodyTimeout, int maxBodyBytes) {
        this.bodyTimeout = bodyTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        byte[] json = FabricMcpServer.jsonMapper().writeValueAsBytes(error(code));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    private Map<String, Object> error(int status) {
        return switch (status) {
            case 408 -> JsonRpc.error(null, JsonRpc.REQUEST_TIMEOUT, "Request timeout: the request body did not"
                    + " arrive whole within " + bodyTimeout.toMillis() + " ms of its headers (the server's"
                    + " --http-body-timeout)");
            case 413 -> JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: the body is larger than "
                    + (maxBodyBytes >> 20) + " MiB");
            case 431 -> JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: the request headers are too"
                    + " large");
            case 400 -> JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: not well-formed HTTP");
            default -> status >= 500
                    ? JsonRpc.error(null, JsonRpc.INTERNAL_ERROR, "Internal error (HTTP " + status + ")")
                    : JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request (HTTP " + status + ")");
        };
    }
}
