package dev.fabricmcp.cli;

import dev.fabricmcp.core.transport.http.HttpTransport;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fabric-mcp config <client>}: prints the configuration that makes an MCP client start (stdio) or reach
 * (HTTP) this fabric-mcp, with its absolute path and the settings in force now. Secrets are referred to by their
 * variable, never written.
 */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Prints the ready-to-paste configuration of an MCP client for this fabric-mcp: where it goes"
                + " and the snippet, or the command to run. It uses the absolute path of this launcher and the"
                + " settings given now (options and environment); secrets appear only as references to their"
                + " variables. With --transport http it points the client at the HTTP server's URL.", ""})
final class ConfigCommand implements Callable<Integer> {

    /** Set by the launchers ({@code ./fabric-mcp}, {@code bin/fabric-mcp}) to their own absolute path. */
    static final String LAUNCHER_VARIABLE = "FABRIC_MCP_LAUNCHER";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    @ParentCommand
    private FabricMcpCommand server;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CLIENT", converter = McpClientConfig.Converter.class,
            description = "claude-desktop, claude-code, vscode, cursor or inspector")
    private McpClientConfig client;

    @Override
    public Integer call() {
        Settings settings = server.settings();
        spec.commandLine().getOut().print(client.render(launch(settings), settings.transport()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private ServerLaunch launch(Settings settings) {
        List<String> command = new ArrayList<>(launcher());
        Map<String, String> env = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        env.put("FABRIC_BASE_URL", settings.fabricUrl().toString());
        if (!settings.fabricTimeout().equals(DEFAULT_TIMEOUT)) {
            env.put("FABRIC_MCP_FABRIC_TIMEOUT", settings.fabricTimeout().toString());
        }
        if (settings.logLevel() != LogLevel.INFO) {
            env.put("FABRIC_MCP_LOG_LEVEL", settings.logLevel().toString());
        }
        server.logFormat().filter(format -> format != LogFormat.TEXT)
                .ifPresent(format -> env.put("FABRIC_MCP_LOG_FORMAT", format.toString()));
        server.apiKeyFile().ifPresentOrElse(
                file -> command.addAll(List.of("--fabric-api-key-file", file.toAbsolutePath().toString())),
                () -> settings.fabricApiKey().ifPresent(key -> secrets.add(FabricMcpCommand.FABRIC_API_KEY)));
        HttpSettings http = settings.http();
        String host = http.host().equals("0.0.0.0") || http.host().equals("::") ? "127.0.0.1" : http.host();
        String url = "http://" + HttpTransport.urlHost(host) + ":" + http.port() + http.mcpPath();
        return new ServerLaunch(command, env, secrets, url, http.token().isPresent());
    }

    /** This launcher's absolute path, or {@code java -jar} with the jar when started without one. */
    private List<String> launcher() {
        String launcher = server.environment(LAUNCHER_VARIABLE);
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).toAbsolutePath().normalize().toString());
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            Path jar = Path.of(ConfigCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of(java, "-jar", jar.toAbsolutePath().toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where fabric-mcp runs from", e);
        }
    }
}
