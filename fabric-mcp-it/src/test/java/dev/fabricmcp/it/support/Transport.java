package dev.fabricmcp.it.support;

import dev.fabricmcp.core.testing.McpSession;
import java.util.List;
import java.util.Map;

/** The two ways a client reaches fabric-mcp; end-to-end tests run over both. */
public enum Transport {
    STDIO, HTTP;

    /** Starts fabric-mcp on this transport, pointed at {@code fabricUrl}, and connects the SDK's client to it. */
    public Connection connect(String fabricUrl, Map<String, String> environment, List<String> arguments) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putIfAbsent("FABRIC_BASE_URL", fabricUrl);
        FabricMcpProcess server = this == STDIO ? FabricMcpProcess.start(arguments, env)
                : FabricMcpProcess.startHttp(arguments, env);
        try {
            McpSession session = this == STDIO ? McpSession.stdio(server.stdout(), server.stdin())
                    : McpSession.http(server.endpoint(), Map.of());
            return new Connection(server, session);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException(e.getMessage() + "\nfabric-mcp stderr:\n"
                    + String.join("\n", server.stderr()), e);
        }
    }

    public Connection connect(String fabricUrl) {
        return connect(fabricUrl, Map.of(), List.of());
    }

    /** A running fabric-mcp and the client session talking to it. */
    public record Connection(FabricMcpProcess server, McpSession session) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } finally {
                server.close();
            }
        }
    }
}
