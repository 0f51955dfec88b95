package dev.fabricmcp.core.transport.http;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.cancel.Cancellation;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.protocol.Inbound;
import dev.fabricmcp.core.protocol.JsonRpc;
import dev.fabricmcp.core.protocol.ModernDispatcher;
import dev.fabricmcp.core.protocol.Subscriptions;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streamable HTTP front door, in front of the SDK's servlet: it reads every POST body once, answers whatever
 * is not a valid message with a JSON-RPC error (never the SDK's serialized exceptions), serves modern requests
 * (MCP 2026-07-28: no session, headers checked against the body) itself through the {@link ModernDispatcher}, and
 * hands legacy traffic (initialize, then the session's requests) to the SDK with the request id in the transport
 * context. For every call in flight of either era it writes an SSE comment every {@link #PROBE_INTERVAL} between
 * events: a client that went away is noticed within a second even while Fabric is silent, and its call is stopped.
 */
final class HttpFrontDoor extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontDoor.class);

    /** How often a silent call's stream is probed. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(150);
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** The request attribute holding the JSON-RPC id of a legacy request, for {@link #transportContext}. */
    static final String REQUEST_ID_ATTRIBUTE = HttpFrontDoor.class.getName() + ".requestId";

    private final transient FabricMcpServer server;
    private final transient McpJsonMapper mapper = FabricMcpServer.jsonMapper();
    private final int maxBodyBytes;
    private final transient ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fabric-mcp-probe");
        thread.setDaemon(true);
        return thread;
    });

    HttpFrontDoor(FabricMcpServer server, int maxBodyBytes) {
        this.server = Objects.requireNonNull(server);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The transport context the SDK gives a legacy call: its request id. */
    static McpTransportContext transportContext(HttpServletRequest request) {
        Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return requestId == null ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of(RunningCalls.REQUEST_ID_KEY, requestId));
    }

    @Override
    public void destroy() {
        probes.shutdownNow();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sessionId = request.getHeader(SESSION_HEADER);
        switch (request.getMethod()) {
            case "POST" -> post(request, response, chain, sessionId);
            case "DELETE" -> {
                if (sessionId == null) {
                    refuse(response, 405, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "DELETE ends a legacy"
                            + " session and needs its Mcp-Session-Id; MCP " + ModernDispatcher.PROTOCOL_VERSION
                            + " has no sessions"));
                    return;
                }
                server.runningCalls().cancelSession(sessionId, "the client ended the session");
                legacy(request, response, chain);
            }
            case "GET" -> {
                if (sessionId == null) {
                    refuse(response, 405, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "GET opens a legacy"
                            + " session's stream and needs its Mcp-Session-Id; MCP " + ModernDispatcher.PROTOCOL_VERSION
                            + " has no GET stream: send each message as a POST"));
                    return;
                }
                // A legacy session's stream for server-initiated messages (prompts list changed): the SDK opens
                // it, and its headers go out at once, so that a client knows the stream is there.
                LegacyResponse watched = new LegacyResponse(response);
                chain.doFilter(request, watched);
                if (watched.errorStatus() == 0 && request.isAsyncStarted() && !response.isCommitted()) {
                    response.flushBuffer();
                }
                refuseInstead(watched, response, null);
            }
            default -> refuse(response, 405, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, request.getMethod()
                    + " is not supported on the MCP endpoint: send each message as a POST"));
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String sessionId)
            throws IOException, ServletException {
        byte[] body = readBody(request);
        if (body == null) {
            refuse(response, 413, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: the body is larger"
                    + " than " + (maxBodyBytes >> 20) + " MiB"));
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            refuse(response, 400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the body is not valid"
                    + " UTF-8"));
            return;
        }
        Inbound inbound = Inbound.read(mapper, text);
        if (inbound instanceof Inbound.Invalid invalid) {
            refuse(response, 400, invalid.error());
            return;
        }
        Inbound.Message message = (Inbound.Message) inbound;
        if (ModernDispatcher.isModern(message) || sessionId == null
                && !McpSchema.METHOD_INITIALIZE.equals(message.method())
                && !(message.message() instanceof McpSchema.JSONRPCResponse)) {
            modern(request, response, message);
            return;
        }
        if (message.message() instanceof McpSchema.JSONRPCNotification
                && Cancellation.METHOD.equals(message.method())) {
            Cancellation.of(message.params())
                    .ifPresent(c -> server.runningCalls().cancel(sessionId, c.requestId(), c.reason()));
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        Object requestId = message.requestId();
        if (server.directRequests().handles(message.message())) {
            // Prompts and completion of a legacy session: answered here, as the SDK cannot (DirectRequests).
            McpSchema.JSONRPCResponse answer = server.directRequests()
                    .answer((McpSchema.JSONRPCRequest) message.message()).block();
            byte[] json = mapper.writeValueAsBytes(answer);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
            return;
        }
        if (requestId != null) {
            request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        }
        LegacyResponse watched = new LegacyResponse(response);
        ScheduledFuture<?> probing = requestId == null || sessionId == null ? null
                : probes.scheduleWithFixedDelay(() -> {
                    if (!watched.probe()) {
                        server.runningCalls().cancel(sessionId, requestId, "the client went away");
                    }
                }, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            chain.doFilter(new ReplayedBodyRequest(request, body), watched);
        } finally {
            if (probing != null) {
                probing.cancel(false);
            }
        }
        refuseInstead(watched, response, requestId);
    }

    /** Answers an error the SDK answered (its body a serialized exception) with a JSON-RPC error instead. */
    private void refuseInstead(LegacyResponse watched, HttpServletResponse response, Object requestId)
            throws IOException {
        if (watched.errorStatus() == 0 || response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(watched.errorStatus());
        response.setContentType("application/json");
        String json = mapper.writeValueAsString(sdkError(watched.errorStatus(), requestId));
        if (watched.usedWriter()) {
            response.getWriter().write(json); // the SDK took the writer: the stream is no longer available
        } else {
            response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void legacy(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        LegacyResponse watched = new LegacyResponse(response);
        chain.doFilter(request, watched);
        refuseInstead(watched, response, null);
    }

    /** A JSON-RPC error in place of what the SDK answered with this status. */
    private static Map<String, Object> sdkError(int status, Object id) {
        return switch (status) {
            case 404 -> JsonRpc.error(id, JsonRpc.SESSION_NOT_FOUND, "Session not found: it expired or was ended; send initialize"
                    + " again for a new session");
            case 400 -> JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid request: a legacy (2025-11-25) request"
                    + " needs the Mcp-Session-Id its initialize returned, and Accept: application/json,"
                    + " text/event-stream");
            case 405 -> JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Method not allowed on the MCP endpoint");
            default -> JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error (HTTP " + status + ")");
        };
    }

    private void modern(HttpServletRequest request, HttpServletResponse response, Inbound.Message message)
            throws IOException {
        Object id = message.requestId();
        Map<String, Object> headerProblem = ModernHeaders.check(request, message);
        if (headerProblem != null) {
            refuse(response, 400, headerProblem);
            return;
        }
        if (id == null) {
            // No client notification means anything to a modern server on HTTP (closing the stream cancels).
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        SseStream stream = new SseStream(response);
        String scope = "http-" + UUID.randomUUID();
        CompletableFuture<Map<String, Object>> answer = server.modern()
                .handle(message, scope, (method, params) -> reactor.core.publisher.Mono.fromRunnable(() -> {
                    try {
                        stream.event(mapper.writeValueAsBytes(JsonRpc.notification(method, params)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }))
                .toFuture();
        // Only a tool call or a subscription may last; everything else answers at once, as plain JSON.
        ScheduledFuture<?> probing = !"tools/call".equals(message.method())
                && !Subscriptions.METHOD.equals(message.method()) ? null
                : probes.scheduleWithFixedDelay(() -> {
                    if (!stream.probe()) {
                        server.runningCalls().cancel(scope, id, "the client closed its stream");
                        answer.complete(null);
                    }
                }, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Map<String, Object> reply = answer.join();
            if (reply != null) {
                stream.finish(mapper.writeValueAsBytes(reply), JsonRpc.httpStatus(reply));
            }
        } catch (RuntimeException e) {
            LOG.warn("A modern request failed unexpectedly", e);
            stream.finish(mapper.writeValueAsBytes(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error")),
                    500);
        } catch (IOException e) {
            LOG.debug("The client went away before its response: {}", e.getMessage());
        } finally {
            if (probing != null) {
                probing.cancel(false);
            }
        }
    }

    /** Answers with a JSON-RPC error and this status: the one shape of every refusal on the MCP endpoint. */
    static void refuse(HttpServletResponse response, int status, Map<String, Object> error) throws IOException {
        byte[] json = FabricMcpServer.jsonMapper().writeValueAsBytes(error);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The whole body, or null when it is larger than allowed. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(0, request.getContentLength()));
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                if (body.size() + read > maxBodyBytes) {
                    return null;
                }
                body.write(buffer, 0, read);
            }
        }
        return body.toByteArray();
    }

    /** Base64 sentinel decoding of header values (MCP 2026-07-28, Value Encoding). */
    static String decodeHeader(String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("=?base64?") && trimmed.endsWith("?=") && trimmed.length() >= 11) {
            try {
                return new String(Base64.getDecoder().decode(trimmed.substring(9, trimmed.length() - 2)),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return trimmed;
    }
}
