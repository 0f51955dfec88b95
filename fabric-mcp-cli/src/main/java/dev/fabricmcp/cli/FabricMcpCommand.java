package dev.fabricmcp.cli;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code fabric-mcp} command: reads the options and the environment, then serves the Fabric tools over stdio or
 * Streamable HTTP. {@link #settings()} checks everything before anything starts, so a mistake is a usage error
 * (exit code 2) with a message that says what to change.
 */
@Command(name = "fabric-mcp", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpAutoWidth = true, showDefaultValues = true,
        description = {"An MCP server for Daniel Miessler's Fabric: MCP clients (Claude, VS Code, ...) list and run"
                + " Fabric patterns through a running `fabric --serve`.", ""},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  FABRIC_BASE_URL            default of --fabric-url",
            "  FABRIC_API_KEY             the key Fabric was started with (fabric --serve --api-key)",
            "  FABRIC_MCP_FABRIC_TIMEOUT  default of --fabric-timeout",
            "  FABRIC_MCP_FABRIC_REQUEST_TIMEOUT  default of --fabric-request-timeout",
            "  FABRIC_MCP_FABRIC_MAX_RESPONSE     default of --fabric-max-response",
            "  FABRIC_MCP_PATTERN_REFRESH default of --pattern-refresh",
            "  FABRIC_MCP_LOG_LEVEL       default of --log-level",
            "  FABRIC_MCP_LOG_FORMAT      default of --log-format",
            "  FABRIC_MCP_HTTP_TOKEN      the bearer token HTTP clients must send",
            "",
            "Secrets come from the environment or from files, never from the command line.",
            "Exit codes: 0 stopped, 1 failed while running, 2 bad options or settings."})
public final class FabricMcpCommand implements Callable<Integer> {

    static final String FABRIC_API_KEY = "FABRIC_API_KEY";
    static final String HTTP_TOKEN = "FABRIC_MCP_HTTP_TOKEN";

    /** The Fabric client's own default connect timeout; the CLI builds the HttpClient itself, to time its requests. */
    private static final Duration FABRIC_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The shortest bearer token accepted on an address other machines can reach: 32 hex digits are 128 bits. */
    static final int MIN_EXPOSED_TOKEN_LENGTH = 32;

    private static final List<String> HTTP_ONLY_OPTIONS = List.of("--host", "--port", "--mcp-path",
            "--allowed-origin", "--allowed-host", "--http-token-file", "--session-idle-timeout", "--http-body-timeout");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");
    private static final Pattern HOST_PATTERN = Pattern.compile("[^/?#\\s]+");
    private static final Pattern MCP_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    @Spec
    private CommandSpec spec;

    @Option(scope = ScopeType.INHERIT, names = "--transport", paramLabel = "stdio|http", defaultValue = "stdio",
            converter = Transport.Converter.class,
            description = "How clients connect: stdio (the client starts fabric-mcp) or http (Streamable HTTP).")
    private Transport transport;

    @Option(scope = ScopeType.INHERIT, names = "--host", paramLabel = "ADDRESS", defaultValue = HttpSettings.DEFAULT_HOST,
            description = "HTTP only: the address to listen on. Off loopback a bearer token is required.")
    private String host;

    @Option(scope = ScopeType.INHERIT, names = "--port", paramLabel = "PORT", defaultValue = "" + HttpSettings.DEFAULT_PORT,
            description = "HTTP only: the port to listen on, 1-65535; 0 picks a free one (printed on stderr).")
    private int port;

    @Option(scope = ScopeType.INHERIT, names = "--mcp-path", paramLabel = "PATH", defaultValue = HttpSettings.DEFAULT_MCP_PATH,
            description = "HTTP only: the path of the MCP endpoint.")
    private String mcpPath;

    @Option(scope = ScopeType.INHERIT, names = "--allowed-origin", paramLabel = "ORIGIN", showDefaultValue = Visibility.NEVER,
            description = "HTTP only, repeatable: a browser origin allowed besides localhost, e.g."
                    + " https://app.example.com or http://myhost:* (any port). Others get 403.")
    private List<String> allowedOrigins = new ArrayList<>();

    @Option(scope = ScopeType.INHERIT, names = "--allowed-host", paramLabel = "HOST", showDefaultValue = Visibility.NEVER,
            description = "HTTP only, repeatable: a Host header allowed besides localhost and --host, e.g."
                    + " mybox.lan:* (any port). Others get 421.")
    private List<String> allowedHosts = new ArrayList<>();

    @Option(scope = ScopeType.INHERIT, names = "--http-token-file", paramLabel = "FILE",
            description = "HTTP only: read the bearer token from this file instead of $" + HTTP_TOKEN + ".")
    private Path httpTokenFile;

    @Option(scope = ScopeType.INHERIT, names = "--session-idle-timeout", paramLabel = "DURATION", defaultValue = HttpSettings.DEFAULT_SESSION_IDLE,
            converter = DurationConverter.class,
            description = "HTTP only: drop a session (protocol 2025-11-25 and earlier) unused for this long; it goes"
                    + " between once and twice this long after its last request.")
    private Duration sessionIdleTimeout;

    @Option(scope = ScopeType.INHERIT, names = "--http-body-timeout", paramLabel = "DURATION", defaultValue = HttpSettings.DEFAULT_BODY_TIMEOUT,
            converter = DurationConverter.class,
            description = "HTTP only: the longest a request's body may take to arrive after its headers; a slower"
                    + " one gets 408 and its connection is closed.")
    private Duration httpBodyTimeout;

    @Option(scope = ScopeType.INHERIT, names = "--fabric-url", paramLabel = "URL", defaultValue = "${env:FABRIC_BASE_URL:-http://127.0.0.1:8080}",
            description = "Fabric's REST API (`fabric --serve`); $FABRIC_BASE_URL when set.")
    private String fabricUrl;

    @Option(scope = ScopeType.INHERIT, names = "--start-fabric",
            description = "When nothing answers at the Fabric URL, start `fabric --serve` there (with the API key, if"
                    + " set) and stop it when fabric-mcp exits. Needs bash and a `fabric` on the PATH, or"
                    + " --fabric-command.")
    private boolean startFabric;

    @Option(scope = ScopeType.INHERIT, names = "--fabric-command", paramLabel = "FILE",
            description = "The `fabric` executable --start-fabric runs; default: `fabric` on the PATH.")
    private Path fabricCommand;

    @Option(scope = ScopeType.INHERIT, names = "--fabric-api-key-file", paramLabel = "FILE",
            description = "Read Fabric's API key from this file instead of $" + FABRIC_API_KEY + ".")
    private Path fabricApiKeyFile;

    @Option(scope = ScopeType.INHERIT, names = "--fabric-timeout", paramLabel = "DURATION", defaultValue = "${env:FABRIC_MCP_FABRIC_TIMEOUT:-10m}",
            converter = DurationConverter.class,
            description = "How long a Fabric run may stay silent before it is stopped: 600s, 10m, 90 (seconds),"
                    + " PT10M; $FABRIC_MCP_FABRIC_TIMEOUT when set.")
    private Duration fabricTimeout;

    @Option(scope = ScopeType.INHERIT, names = "--fabric-request-timeout", paramLabel = "DURATION",
            defaultValue = "${env:FABRIC_MCP_FABRIC_REQUEST_TIMEOUT:-30s}", converter = DurationConverter.class,
            description = "How long a Fabric call other than a run (listing patterns, models, ...) may take in all,"
                    + " its whole answer included; $FABRIC_MCP_FABRIC_REQUEST_TIMEOUT when set.")
    private Duration fabricRequestTimeout;

    @Option(scope = ScopeType.INHERIT, names = "--fabric-max-response", paramLabel = "SIZE",
            defaultValue = "${env:FABRIC_MCP_FABRIC_MAX_RESPONSE:-16m}", converter = SizeConverter.class,
            description = "The longest answer read from Fabric, a run's included: 16m (MiB), 512k, 1g, from 1k to"
                    + " 1g; a longer one is cut there and reported. $FABRIC_MCP_FABRIC_MAX_RESPONSE when set.")
    private long fabricMaxResponse;

    @Option(scope = ScopeType.INHERIT, names = "--pattern-refresh", paramLabel = "DURATION",
            defaultValue = "${env:FABRIC_MCP_PATTERN_REFRESH:-30s}", converter = DurationConverter.class,
            description = "How often to reload Fabric's patterns (prompts, fabric_find_patterns), so that a pattern"
                    + " added to Fabric shows up without a restart; $FABRIC_MCP_PATTERN_REFRESH when set.")
    private Duration patternRefresh;

    @Option(scope = ScopeType.INHERIT, names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:FABRIC_MCP_LOG_LEVEL:-info}",
            converter = LogLevel.Converter.class,
            description = "How much to log on stderr: trace, debug, info, warn or error; $FABRIC_MCP_LOG_LEVEL when"
                    + " set.")
    private LogLevel logLevel;

    @Option(scope = ScopeType.INHERIT, names = "--log-format", paramLabel = "text|json",
            defaultValue = "${env:FABRIC_MCP_LOG_FORMAT:-text}", converter = LogFormat.Converter.class,
            description = "How log lines on stderr look: text, or json (one object per line: timestamp, level, logger,"
                    + " message, and a run's pattern, request_id and session); $FABRIC_MCP_LOG_FORMAT when set.")
    private LogFormat logFormat;

    private final UnaryOperator<String> environment;

    /** The command as {@code main} runs it, reading the process environment. */
    public FabricMcpCommand() {
        this(System::getenv);
    }

    /** A command that reads secrets from this environment instead of the process's (for tests). */
    FabricMcpCommand(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        // doctor's ✓ and ✗ whatever the platform's default charset.
        System.exit(execute(FabricMcpCommand::new,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), null, args));
    }

    /**
     * Runs the command as {@code main} does, printing on {@code out} and {@code err} (null: picocli's defaults).
     * Serving, what an MCP client starts and waits for, needs neither subcommand, and building their models (picocli
     * reads every annotation of theirs) would cost each start about a tenth of its time to answer
     * {@code initialize} (docs/benchmarks.md). So the arguments are parsed without them first; the whole command
     * line, {@code doctor} and {@code config} included, runs them when they do not parse that way (they name a
     * subcommand, or are wrong) or ask for help or the version. Each command line gets a command of its own:
     * a parse fills in the command's fields.
     */
    static int execute(Supplier<FabricMcpCommand> commands, PrintWriter out, PrintWriter err, String... args) {
        CommandLine serving = commandLine(commands.get(), false);
        boolean servingOnly;
        try {
            CommandLine.ParseResult parsed = serving.parseArgs(args);
            servingOnly = !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (CommandLine.PicocliException e) {
            servingOnly = false;
        }
        CommandLine commandLine = servingOnly ? serving : commandLine(commands.get(), true);
        if (out != null) {
            commandLine.setOut(out);
        }
        if (err != null) {
            commandLine.setErr(err);
        }
        return commandLine.execute(args);
    }

    /**
     * The command line with fabric-mcp's error handling: a one-line message, exit code 2 or 1; with the
     * subcommands {@code doctor} and {@code config}, or without them (serving only).
     */
    static CommandLine commandLine(FabricMcpCommand command, boolean subcommands) {
        CommandLine commandLine = new CommandLine(command);
        if (subcommands) {
            // Before the handlers below: picocli gives them to the subcommands present when they are set.
            commandLine.addSubcommand(new DoctorCommand()).addSubcommand(new ConfigCommand());
        }
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("fabric-mcp: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("Run 'fabric-mcp --help' for the options.");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof StartupException) {
                failed.getErr().println("fabric-mcp: " + e.getMessage());
            } else {
                failed.getErr().println("fabric-mcp failed: " + e + " (--log-level debug shows where)");
            }
            LoggerFactory.getLogger(FabricMcpCommand.class).debug("Start-up failed", e);
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        Logging.configure(logLevel, logFormat);
        Settings settings = settings();
        startFabricIfAsked(settings);
        Metrics metrics = new Metrics();
        FabricClient fabric = FabricClient.builder()
                .baseUri(settings.fabricUrl())
                .apiKey(settings.fabricApiKey().map(Secret::reveal).orElse(null))
                .streamIdleTimeout(settings.fabricTimeout())
                .requestTimeout(settings.fabricRequestTimeout())
                .maxResponseBytes(settings.fabricMaxResponse())
                .httpClient(new TimedHttpClient(FabricClient.newHttpClient(settings.fabricUrl(),
                        FABRIC_CONNECT_TIMEOUT), metrics))
                .build();
        FabricMcpServer fabricMcp = FabricMcpServer.builder(fabric).version(Version.current()).observer(metrics)
                .patternRefresh(patternRefresh).build();
        return switch (settings.transport()) {
            case STDIO -> StdioServer.serve(fabricMcp, settings);
            case HTTP -> HttpServer.serve(fabricMcp, settings,
                    new Operations(new Readiness(fabric, System::nanoTime), metrics));
        };
    }

    /**
     * The checked settings.
     *
     * @throws ParameterException for any option or environment value that cannot work, saying why
     */
    Settings settings() {
        if (transport == Transport.STDIO) {
            for (String option : HTTP_ONLY_OPTIONS) {
                if (matched(option)) {
                    throw usage(option + " is only valid with --transport http");
                }
            }
        }
        if (patternRefresh.isZero() || patternRefresh.isNegative()) {
            throw usage("--pattern-refresh must be positive, was " + patternRefresh);
        }
        Optional<Secret> apiKey = secret(FABRIC_API_KEY, fabricApiKeyFile, "--fabric-api-key-file");
        checkFabricClientSettings(apiKey);
        HttpSettings http = transport == Transport.HTTP ? httpSettings() : HttpSettings.defaults();
        return new Settings(transport, URI.create(fabricUrl.strip()), apiKey, fabricTimeout, fabricRequestTimeout,
                fabricMaxResponse, logLevel, http);
    }

    /**
     * {@code --start-fabric}: starts Fabric when nothing answers at its URL (stopped when this process exits).
     *
     * @return what was found or started; empty without {@code --start-fabric}
     */
    Optional<FabricStarter.Outcome> startFabricIfAsked(Settings settings) {
        if (!startFabric) {
            return Optional.empty();
        }
        return Optional.of(FabricStarter.ensure(settings.fabricUrl(), Optional.ofNullable(fabricCommand),
                environment.apply("PATH"), settings.fabricApiKey()).outcome());
    }

    /** Where Fabric's URL came from, for messages. */
    String fabricUrlSource() {
        if (matched("--fabric-url")) {
            return "from --fabric-url";
        }
        String fromEnvironment = System.getenv("FABRIC_BASE_URL");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? "from $FABRIC_BASE_URL" : "the default";
    }

    /** Where the API key came from, for messages: the variable or the file, never the key. */
    String apiKeySource() {
        return fabricApiKeyFile != null ? "--fabric-api-key-file " + fabricApiKeyFile : "$" + FABRIC_API_KEY;
    }

    /** A variable of the environment the command reads secrets from. */
    String environment(String name) {
        return environment.apply(name);
    }

    /** The log format chosen (picocli fills it in; empty only before parsing). */
    Optional<LogFormat> logFormat() {
        return Optional.ofNullable(logFormat);
    }

    /** The file the API key is read from, when --fabric-api-key-file is given. */
    Optional<Path> apiKeyFile() {
        return Optional.ofNullable(fabricApiKeyFile);
    }

    /** Whether an option was given on the command line, before a subcommand or after it. */
    private boolean matched(String option) {
        for (CommandLine.ParseResult parsed = spec.commandLine().getParseResult(); parsed != null;
                parsed = parsed.subcommand()) {
            if (parsed.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    /** The Fabric client is the one judge of its URL and key. */
    private void checkFabricClientSettings(Optional<Secret> apiKey) {
        FabricClient.Builder client = FabricClient.builder();
        try {
            client.baseUri(URI.create(fabricUrl.strip()));
        } catch (IllegalArgumentException e) {
            throw usage("invalid --fabric-url (or FABRIC_BASE_URL) '" + fabricUrl + "': " + e.getMessage()
                    + ". Example: http://127.0.0.1:8080");
        }
        try {
            client.maxResponseBytes(fabricMaxResponse);
        } catch (IllegalArgumentException e) {
            throw usage("invalid --fabric-max-response (or FABRIC_MCP_FABRIC_MAX_RESPONSE): it must be from 1k to"
                    + " 1g, was " + fabricMaxResponse + " bytes");
        }
        try {
            client.apiKey(apiKey.map(Secret::reveal).orElse(null));
        } catch (IllegalArgumentException e) {
            throw usage("invalid Fabric API key (from " + (fabricApiKeyFile != null ? fabricApiKeyFile
                    : "$" + FABRIC_API_KEY) + "): " + e.getMessage());
        }
    }

    private HttpSettings httpSettings() {
        if (port < 0 || port > 65535) {
            throw usage("--port must be between 1 and 65535 (or 0 for any free port), was " + port);
        }
        if (!MCP_PATH.matcher(mcpPath).matches()) {
            throw usage("--mcp-path must be a path such as /mcp (a '/' then letters, digits or -._~), was '"
                    + mcpPath + "'");
        }
        String bindHost = host.strip().replaceAll("^\\[(.*)]$", "$1");
        InetAddress address = resolve(bindHost);
        for (String origin : allowedOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw usage("--allowed-origin '" + origin + "' is not an origin: write scheme://host[:port] with"
                        + " no path, e.g. https://app.example.com or http://myhost:* (any port)");
            }
        }
        for (String allowedHost : allowedHosts) {
            if (!HOST_PATTERN.matcher(allowedHost).matches()) {
                throw usage("--allowed-host '" + allowedHost + "' is not a host: write host[:port], e.g."
                        + " mybox.lan:* (any port) or mybox.lan:8000");
            }
        }
        Optional<Secret> token = secret(HTTP_TOKEN, httpTokenFile, "--http-token-file");
        if (token.isPresent() && !token.get().reveal().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw usage("the bearer token (from " + (httpTokenFile != null ? httpTokenFile : "$" + HTTP_TOKEN)
                    + ") must be printable ASCII without spaces");
        }
        if (!address.isLoopbackAddress() && token.isPresent()
                && token.get().reveal().length() < MIN_EXPOSED_TOKEN_LENGTH) {
            throw usage("refusing to listen on " + host + " with a bearer token of " + token.get().reveal().length()
                    + " characters (from " + (httpTokenFile != null ? httpTokenFile : "$" + HTTP_TOKEN) + "): that"
                    + " address is reachable from other machines, where a short token can be guessed. Use at least "
                    + MIN_EXPOSED_TOKEN_LENGTH + " random characters, e.g. `export " + HTTP_TOKEN
                    + "=$(openssl rand -hex 32)`, or listen on 127.0.0.1.");
        }
        if (!address.isLoopbackAddress() && token.isEmpty()) {
            throw usage("refusing to listen on " + host + " without a bearer token: that address is reachable from"
                    + " other machines, and anyone there could run Fabric (and its paid models) through"
                    + " fabric-mcp. Set " + HTTP_TOKEN + " (or --http-token-file) to a long random secret, e.g."
                    + " `export " + HTTP_TOKEN + "=$(openssl rand -hex 32)`, or listen on 127.0.0.1.");
        }
        return new HttpSettings(bindHost, port, mcpPath, allowedOrigins, allowedHosts, token, sessionIdleTimeout,
                httpBodyTimeout);
    }

    private InetAddress resolve(String bindHost) {
        if (bindHost.isEmpty()) {
            throw usage("--host must not be empty: use 127.0.0.1 (this machine only) or an address of this machine");
        }
        try {
            return InetAddress.getByName(bindHost);
        } catch (UnknownHostException e) {
            throw usage("cannot resolve --host '" + host + "': give an IP address of this machine, e.g. 127.0.0.1");
        }
    }

    /** A secret from its file when the option is given, else from the environment; never from the command line. */
    private Optional<Secret> secret(String variable, Path file, String option) {
        if (file == null) {
            String value = environment.apply(variable);
            return Optional.ofNullable(Secret.ofNullable(value == null ? null : value.strip()));
        }
        String problem;
        try {
            Secret secret = Secret.ofNullable(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (secret != null) {
                return Optional.of(secret);
            }
            problem = "is empty";
        } catch (NoSuchFileException e) {
            problem = "does not exist";
        } catch (AccessDeniedException e) {
            problem = "cannot be read: permission denied";
        } catch (CharacterCodingException e) {
            problem = "is not UTF-8 text";
        } catch (IOException e) {
            problem = "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        throw usage(option + " " + file + " " + problem);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
