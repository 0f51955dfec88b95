package dev.fabricmcp.cli;

import com.google.gson.JsonObject;
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
 * on requests without passing them to the SDK and its own checks.
 */
final class AccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String BEARER = "bearer ";

    private final transient DefaultServerTransportSecurityValidator validator;
    private final transient Optional<byte[]> tokenDigest;
    private final transient FailedLogins failedLogins = new FailedLogins(System::nanoTime);

    AccessFilter(DefaultServerTransportSecurityValidator validator, Optional<Secret> token) {
        this.validator = validator;
        this.tokenDigest = token.map(secret -> sha256(secret.reveal()));
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
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token", sentOne
                    ? "The bearer token is wrong: send the value of the server's FABRIC_MCP_HTTP_TOKEN."
                    : "This server requires a bearer token: send 'Authorization: Bearer <token>'.");
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
        refuse(response, 429, "too_many_attempts", "Too many requests without the right bearer token from this"
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
            refuse(response, status, "forbidden_origin", "Requests from origin " + origin + " are not allowed"
                    + " (DNS-rebinding protection). To allow this web page, start fabric-mcp with --allowed-origin "
                    + origin + ".");
        } else {
            String host = request.getHeader("Host");
            refuse(response, status, "misdirected_host", "Requests for host " + host + " are not allowed"
                    + " (DNS-rebinding protection). To allow this host name, start fabric-mcp with --allowed-host "
                    + (host == null ? "<name>:*" : host.replaceFirst(":\\d+$", "") + ":*") + ".");
        }
    }

    private static void refuse(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("error", error);
        body.addProperty("error_description", description);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
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
