package dev.fabricmcp.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an MCP client starts or reaches this fabric-mcp: what {@code fabric-mcp config} writes into a client's
 * configuration. Secrets are only named, never held: a client's configuration refers to their variables.
 *
 * @param command    the absolute launcher (or {@code java -jar <jar>}) and the options it needs
 * @param env        the environment the server should get, by variable name; plain values only
 * @param secrets    the variables holding secrets that are set now, referred to by name in the configuration
 * @param httpUrl    where the HTTP transport listens, e.g. {@code http://127.0.0.1:8000/mcp}
 * @param httpToken  whether HTTP clients must send a bearer token ({@code $FABRIC_MCP_HTTP_TOKEN})
 */
record ServerLaunch(List<String> command, Map<String, String> env, List<String> secrets, String httpUrl,
                    boolean httpToken) {

    ServerLaunch {
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(httpUrl, "httpUrl");
    }

    String executable() {
        return command.get(0);
    }

    List<String> arguments() {
        return command.subList(1, command.size());
    }
}
