package dev.fabricmcp.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import dev.fabricmcp.core.cancel.Cancellation;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.features.DirectRequests;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to the SDK's Streamable HTTP servlet what its version 2.1.0 lacks: a {@code tools/call} learns its JSON-RPC
 * request id, and {@code notifications/cancelled} or the end of a session stops the calls it names.
 *
 * <ul>
 *   <li>A POST carrying {@code notifications/cancelled} is answered here, 202, after
 *       {@link RunningCalls#cancel} (the SDK would only log a warning).</li>
 *   <li>A POST carrying a request keeps its id in a request attribute, which {@link #transportContext} hands to the
 *       SDK as the call's transport context; the body is replayed to the SDK unchanged.</li>
 *   <li>A POST carrying a request {@link DirectRequests} handles (prompts, completion) within a session is
 *       answered here, as JSON.</li>
 *   <li>A DELETE (the client ends its session) stops the session's calls, then goes on to the SDK.</li>
 * </ul>
 */
final class McpRequestInspector extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(McpRequestInspector.class);
    /** Reads integral JSON numbers as longs, so that request ids are logged as the client wrote them. */
    private static final Gson GSON = new GsonBuilder()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    /** The request attribute holding the JSON-RPC id of the request in the body. */
    static final String REQUEST_ID_ATTRIBUTE = McpRequestInspector.class.getName() + ".requestId";

    /** The header that names the MCP session. */
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final transient RunningCalls runningCalls;
    private final transient DirectRequests direct;
    private final transient McpJsonMapper json;
    private final int maxBodyBytes;

    McpRequestInspector(RunningCalls runningCalls, DirectRequests direct, McpJsonMapper json, int maxBodyBytes) {
        this.runningCalls = runningCalls;
        this.direct = direct;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The transport context the SDK gives a call: its request id, when the body was a request. */
    static McpTransportContext transportContext(HttpServletRequest request) {
        Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return requestId == null ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of(RunningCalls.REQUEST_ID_KEY, requestId));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sessionId = request.getHeader(SESSION_HEADER);
        if ("DELETE".equals(request.getMethod())) {
            if (sessionId != null) {
                runningCalls.cancelSession(sessionId, "the client ended the session");
            }
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + (maxBodyBytes >> 20) + " MiB");
            return;
        }
        JsonObject message = jsonObject(body);
        if (message != null && sessionId != null && isCancellation(message)) {
            Cancellation.of(GSON.fromJson(message.get("params"), Object.class))
                    .ifPresent(c -> runningCalls.cancel(sessionId, c.requestId(), c.reason()));
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        if (message != null && sessionId != null && answeredDirectly(body, response)) {
            return;
        }
        Object requestId = message == null ? null : requestId(message);
        if (requestId != null) {
            request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        }
        chain.doFilter(new ReplayedBodyRequest(request, body), response);
    }

    /** Answers a request {@link DirectRequests} handles, as JSON; false (nothing written) for any other body. */
    private boolean answeredDirectly(byte[] body, HttpServletResponse response) throws IOException {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, new String(body, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        if (!direct.handles(message)) {
            return false;
        }
        McpSchema.JSONRPCResponse answer = direct.answer((McpSchema.JSONRPCRequest) message).block();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(answer));
        return true;
    }

    private static boolean isCancellation(JsonObject message) {
        return Cancellation.METHOD.equals(string(message.get("method"))) && !message.has("id");
    }

    /** A request's id: a string, a long or (if someone sends a fraction) a double; null for anything else. */
    private static Object requestId(JsonObject message) {
        JsonElement id = message.get("id");
        if (string(message.get("method")) == null || id == null || !id.isJsonPrimitive()) {
            return null;
        }
        Object value = GSON.fromJson(id, Object.class);
        return value instanceof String || value instanceof Number ? value : null;
    }

    private static String string(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? element.getAsString() : null;
    }

    /** The body as a JSON object; null when it is something else, which the SDK then answers. */
    private static JsonObject jsonObject(byte[] body) {
        try {
            JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            return json.isJsonObject() ? json.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            LOG.debug("The request body is not JSON; the SDK will answer it: {}", e.getMessage());
            return null;
        }
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
}
