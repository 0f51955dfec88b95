package dev.fabricmcp.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The MCP clients {@code fabric-mcp config} writes a configuration for. Each renders the same {@link ServerLaunch}
 * in its own format: lines starting with {@code #} say where it goes, the rest is the snippet or the command.
 * Secrets are written as references to their variables in the client's own syntax.
 */
enum McpClientConfig {

    CLAUDE_DESKTOP("claude-desktop") {
        @Override
        String render(ServerLaunch launch, Transport transport) {
            String where = "# Claude Desktop: merge into claude_desktop_config.json (Settings > Developer > Edit"
                    + " Config; macOS ~/Library/Application Support/Claude/, Windows %APPDATA%\\Claude\\), then restart"
                    + " Claude Desktop.\n";
            UnaryOperator<String> reference = name -> "${" + name + "}";
            Map<String, Object> server = new LinkedHashMap<>();
            if (transport == Transport.STDIO) {
                server.put("command", launch.executable());
                server.put("args", launch.arguments());
                server.put("env", env(launch.env(), launch.secrets(), reference));
            } else {
                List<String> args = new ArrayList<>(List.of("-y", "mcp-remote", launch.httpUrl()));
                if (launch.httpToken()) {
                    args.addAll(List.of("--header", "Authorization:Bearer ${" + FabricMcpCommand.HTTP_TOKEN + "}"));
                }
                server.put("command", "npx");
                server.put("args", args);
                server.put("env", launch.httpToken()
                        ? env(Map.of(), List.of(FabricMcpCommand.HTTP_TOKEN), reference) : Map.of());
                where += "# The configuration describes stdio servers only: mcp-remote (Node.js) bridges to the HTTP"
                        + " server.\n";
            }
            boolean secrets = transport == Transport.STDIO ? !launch.secrets().isEmpty() : launch.httpToken();
            if (secrets) {
                where += "# Claude Desktop does not expand variables in env: replace each ${NAME} there with its"
                        + " value, or keep the key in a file (--fabric-api-key-file).\n";
            }
            return where + json(Map.of("mcpServers", Map.of(SERVER_NAME, server)));
        }
    },

    CLAUDE_CODE("claude-code") {
        @Override
        String render(ServerLaunch launch, Transport transport) {
            StringBuilder command = new StringBuilder("claude mcp add");
            if (transport == Transport.STDIO) {
                command.append(' ').append(SERVER_NAME);
                launch.env().forEach((name, value) -> command.append(" -e ").append(shell(name + "=" + value)));
                launch.secrets().forEach(name -> command.append(" -e ").append(name).append("=\"$").append(name)
                        .append('"'));
                command.append(" --");
                launch.command().forEach(word -> command.append(' ').append(shell(word)));
            } else {
                command.append(" --transport http ").append(SERVER_NAME).append(' ').append(shell(launch.httpUrl()));
                if (launch.httpToken()) {
                    command.append(" --header \"Authorization: Bearer $").append(FabricMcpCommand.HTTP_TOKEN)
                            .append('"');
                }
            }
            return "# Claude Code: run this once (add --scope user for every project).\n" + command + "\n";
        }
    },

    VSCODE("vscode") {
        @Override
        String render(ServerLaunch launch, Transport transport) {
            return "# VS Code: merge into .vscode/mcp.json in the workspace (or MCP: Open User Configuration).\n"
                    + json(Map.of("servers", Map.of(SERVER_NAME, server(launch, transport, true))));
        }
    },

    CURSOR("cursor") {
        @Override
        String render(ServerLaunch launch, Transport transport) {
            return "# Cursor: merge into ~/.cursor/mcp.json (every project) or .cursor/mcp.json (this project).\n"
                    + json(Map.of("mcpServers", Map.of(SERVER_NAME, server(launch, transport, false))));
        }
    },

    INSPECTOR("inspector") {
        @Override
        String render(ServerLaunch launch, Transport transport) {
            StringBuilder command = new StringBuilder("npx @modelcontextprotocol/inspector");
            if (transport == Transport.STDIO) {
                launch.env().forEach((name, value) -> command.append(" -e ").append(shell(name + "=" + value)));
                launch.secrets().forEach(name -> command.append(" -e ").append(name).append("=\"$").append(name)
                        .append('"'));
                command.append(" --");
                launch.command().forEach(word -> command.append(' ').append(shell(word)));
                return "# MCP Inspector (Node.js 22): opens a browser on a session with fabric-mcp it starts.\n"
                        + command + "\n";
            }
            command.append(" --cli ").append(shell(launch.httpUrl())).append(" --transport http --method tools/list");
            if (launch.httpToken()) {
                command.append(" --header \"Authorization: Bearer $").append(FabricMcpCommand.HTTP_TOKEN).append('"');
            }
            return "# MCP Inspector (Node.js 22): lists the tools of the running HTTP server; without --cli and the"
                    + " rest, it opens a browser (Transport: Streamable HTTP, URL " + launch.httpUrl() + ").\n"
                    + command + "\n";
        }
    };

    static final String SERVER_NAME = "fabric";

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final String cliName;

    McpClientConfig(String cliName) {
        this.cliName = cliName;
    }

    /** The configuration, ready to paste: {@code #} lines saying where, then the snippet or command. */
    abstract String render(ServerLaunch launch, Transport transport);

    @Override
    public String toString() {
        return cliName;
    }

    /** VS Code's and Cursor's server entry: both expand {@code ${env:NAME}}. */
    private static Map<String, Object> server(ServerLaunch launch, Transport transport, boolean typed) {
        UnaryOperator<String> reference = name -> "${env:" + name + "}";
        Map<String, Object> server = new LinkedHashMap<>();
        if (transport == Transport.STDIO) {
            if (typed) {
                server.put("type", "stdio");
            }
            server.put("command", launch.executable());
            server.put("args", launch.arguments());
            server.put("env", env(launch.env(), launch.secrets(), reference));
        } else {
            if (typed) {
                server.put("type", "http");
            }
            server.put("url", launch.httpUrl());
            if (launch.httpToken()) {
                server.put("headers", Map.of("Authorization", "Bearer " + reference.apply(FabricMcpCommand.HTTP_TOKEN)));
            }
        }
        return server;
    }

    private static Map<String, String> env(Map<String, String> plain, List<String> secrets,
                                           UnaryOperator<String> reference) {
        Map<String, String> env = new TreeMap<>(plain);
        secrets.forEach(name -> env.put(name, reference.apply(name)));
        return env;
    }

    private static String json(Map<String, ?> value) {
        // Not a constant: picocli loads this enum at every start (config's CLIENT parameter), where setting Gson up
        // would cost every stdio server's first answer.
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        return gson.toJson(value) + "\n";
    }

    /** A word as a POSIX shell reads it back unchanged. */
    static String shell(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Reads a client name as {@code fabric-mcp config} takes it. */
    static final class Converter implements CommandLine.ITypeConverter<McpClientConfig> {
        @Override
        public McpClientConfig convert(String value) {
            for (McpClientConfig client : values()) {
                if (client.cliName.equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return client;
                }
            }
            throw new CommandLine.TypeConversionException("unknown client '" + value
                    + "': use claude-desktop, claude-code, vscode, cursor or inspector");
        }
    }
}
