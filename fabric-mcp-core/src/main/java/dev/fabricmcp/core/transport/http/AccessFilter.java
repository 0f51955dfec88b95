package dev.fabricmcp.core.transport.http;

import dev.fabricmcp.core.LogText;
import dev.fabricmcp.core.protocol.JsonRpc;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides who may talk to the server, before anything else reads the request: the {@code Origin} and {@code Host}
 * checks against DNS rebinding (403, 421), then the bearer token when one is configured (401; 429 for an address
 * that keeps sending wrong tokens, see {@link FailedLogins}). It runs in front of the cancellation filter, which acts
 * on requests without passing them to the SDK and its own checks. Each refusal is a JSON-RPC error with
 * {@code "id": null} (the body is not read yet) and its own code ({@link JsonRpc#UNAUTHORIZED} and the next ones).
 */
final class AccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String BEARER = "bearer ";

    private final transient DefaultServerTransportSecurityValidator validator;
    private final transient Optional<byte[]> tokenDigest;
    private final transient FailedLogins failedLogins = new FailedLogins(System::nanoTime);

    AccessFilter(DefaultServerTransportSecurityValidator validator, Optional<String> token) {
        this.validator = validator;
        this.tokenDigest = token.map(AccessFilter::sha256);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            validator.validate(headers(request));
        } catch (ServerTransportSecurityException e) {
            refuseSecurity(request, response, e.getStatusCode());
            return;
        }
        if (tokenDigest.isPresent() && refusedForGuessing(request, response)) {
            return;
        }
        if (tokenDigest.isPresent() && !hasToken(request)) {
            failedLogins.failed(request.getRemoteAddr());
            boolean sentOne = request.getHeader("Authorization") != null;
            response.setHeader("WWW-Authenticate", sentOne
                    ? "Bearer realm=\"fabric-mcp\", error=\"invalid_token\"" : "Bearer realm=\"fabric-mcp\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, JsonRpc.UNAUTHORIZED, sentOne
                    ? "Unauthorized: the bearer token is wrong: send the value of the server's FABRIC_MCP_HTTP_TOKEN."
                    : "Unauthorized: this server requires a bearer token: send 'Authorization: Bearer <token>'.");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean refusedForGuessing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Duration wait = failedLogins.blockedFor(request.getRemoteAddr());
        if (wait.isZero()) {
            return false;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        refuse(response, 429, JsonRpc.TOO_MANY_ATTEMPTS, "Too many requests without the right bearer token from this"
                + " address: try again in " + seconds + " s, with the value of the server's FABRIC_MCP_HTTP_TOKEN.");
        return true;
    }

    private boolean hasToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        // Comparing digests takes the same time whatever the token's length or where it differs.
        return MessageDigest.isEqual(tokenDigest.orElseThrow(), sha256(header.substring(BEARER.length()).strip()));
    }

    private static void refuseSecurity(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        if (status == HttpServletResponse.SC_FORBIDDEN) {
            String origin = request.getHeader("Origin");
            refuse(response, status, JsonRpc.FORBIDDEN_ORIGIN, "Forbidden: requests from origin " + quoted(origin)
                    + " are not allowed"
                    + " (DNS-rebinding protection). To allow this web page, start fabric-mcp with --allowed-origin "
                    + quoted(origin) + ".");
        } else {
            String host = request.getHeader("Host");
            refuse(response, status, JsonRpc.MISDIRECTED_HOST, "Misdirected request: requests for host "
                    + quoted(host) + " are not allowed (DNS-rebinding protection). To allow this host name, start"
                    + " fabric-mcp with --allowed-host "
                    + (host == null ? "<name>:*" : quoted(host.replaceFirst(":\\d+$", "")) + ":*") + ".");
        }
    }

    private static void refuse(HttpServletResponse response, int status, int code, String message)
            throws IOException {
        HttpFrontDoor.refuse(response, status, JsonRpc.error(null, code, message));
    }

    /** A header value as a message may quote it: the header is the client's, its length is not ours to echo. */
    private static String quoted(String value) {
        return value == null ? "(none)" : LogText.of(value);
    }

    /** The headers as the SDK's validator reads them. */
    private static HeaderAccessor headers(HttpServletRequest request) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public List<String> getHeaderNames() {
                return Collections.list(request.getHeaderNames());
            }
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
