package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What the command line and the environment turn into, and what they refuse. */
class FabricMcpCommandTest {

    private static final String LONG_TOKEN = "0123456789abcdef0123456789abcdef";
    private final Map<String, String> environment = new HashMap<>();

    private Settings settings(String... args) {
        FabricMcpCommand command = new FabricMcpCommand(environment::get);
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private String refusal(String... args) {
        return assertThrows(ParameterException.class, () -> settings(args)).getMessage();
    }

    /** Runs the command as main would, without starting a server. */
    private CommandRun execute(String... args) {
        return CommandRun.execute(environment, args);
    }

    @Nested
    class Defaults {

        @Test
        void servesStdioAgainstALocalFabric() {
            Settings settings = settings();
            assertEquals(Transport.STDIO, settings.transport());
            assertEquals(URI.create("http://127.0.0.1:8080"), settings.fabricUrl());
            assertEquals(Duration.ofMinutes(10), settings.fabricTimeout());
            assertEquals(Duration.ofSeconds(30), settings.fabricRequestTimeout());
            assertEquals(16L * 1024 * 1024, settings.fabricMaxResponse());
            assertEquals(LogLevel.INFO, settings.logLevel());
            assertEquals(Optional.empty(), settings.fabricApiKey());
        }

        @Test
        void listensOnLoopbackPort8000AtSlashMcp() {
            HttpSettings http = settings("--transport", "http").http();
            assertEquals("127.0.0.1", http.host());
            assertEquals(8000, http.port());
            assertEquals("/mcp", http.mcpPath());
            assertEquals(Optional.empty(), http.token());
            assertEquals(Duration.ofMinutes(30), http.sessionIdle());
            assertEquals(Duration.ofSeconds(30), http.bodyTimeout());
        }

        @Test
        void allowsNoOriginsOrHostsBeyondTheTransportsLocalhostDefaults() {
            HttpSettings http = settings("--transport", "http").http();
            assertEquals(List.of(), http.allowedOrigins());
            assertEquals(List.of(), http.allowedHosts());
        }
    }

    @Nested
    class Options {

        @Test
        void readsEveryHttpOption() {
            environment.put(FabricMcpCommand.HTTP_TOKEN, LONG_TOKEN);
            Settings settings = settings("--transport", "HTTP", "--host", "0.0.0.0", "--port", "9001",
                    "--session-idle-timeout", "5m", "--http-body-timeout", "2s", "--mcp-path", "/v1/mcp", "--allowed-origin", "https://app.example.com",
                    "--allowed-origin", "http://tools.lan:*", "--allowed-host", "mybox.lan:*",
                    "--fabric-url", "https://fabric.lan:8443/", "--fabric-timeout", "90", "--log-level", "DEBUG");
            HttpSettings http = settings.http();
            assertEquals(Transport.HTTP, settings.transport());
            assertEquals(9001, http.port());
            assertEquals("/v1/mcp", http.mcpPath());
            assertEquals(List.of("https://app.example.com", "http://tools.lan:*"), http.allowedOrigins());
            assertEquals(List.of("mybox.lan:*"), http.allowedHosts());
            assertEquals("0.0.0.0", http.host());
            assertEquals(URI.create("https://fabric.lan:8443/"), settings.fabricUrl());
            assertEquals(Duration.ofSeconds(90), settings.fabricTimeout());
            assertEquals(LogLevel.DEBUG, settings.logLevel());
            assertEquals(LONG_TOKEN, http.token().orElseThrow().reveal());
            assertEquals(Duration.ofMinutes(5), http.sessionIdle());
            assertEquals(Duration.ofSeconds(2), http.bodyTimeout());
        }

        @Test
        void readsTheLimitsOfFabricsAnswers() {
            Settings settings = settings("--fabric-request-timeout", "2m", "--fabric-max-response", "64MiB");
            assertEquals(Duration.ofMinutes(2), settings.fabricRequestTimeout());
            assertEquals(64L * 1024 * 1024, settings.fabricMaxResponse());
            assertEquals(512L * 1024, settings("--fabric-max-response", "512k").fabricMaxResponse());
            assertEquals(1L << 30, settings("--fabric-max-response", "1g").fabricMaxResponse());
        }

        @ParameterizedTest
        @ValueSource(strings = {"500", "2g", "16 furlongs", "-1m"})
        void refusesAnAnswerLimitOutOfRangeOrUnreadable(String size) {
            String message = refusal("--fabric-max-response", size);
            assertTrue(message.contains("--fabric-max-response") || message.contains("not a valid size"), message);
        }

        @Test
        void acceptsPortZeroForAnyFreePort() {
            assertEquals(0, settings("--transport", "http", "--port", "0").http().port());
        }

        @ParameterizedTest
        @ValueSource(strings = {"--host=127.0.0.1", "--port=9000", "--mcp-path=/x", "--allowed-origin=http://a:*",
            "--allowed-host=a:*", "--http-token-file=/tmp/t", "--session-idle-timeout=1m"})
        void refusesHttpOptionsWithStdio(String option) {
            String name = option.substring(0, option.indexOf('='));
            assertEquals(name + " is only valid with --transport http", refusal(option));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "65536", "100000"})
        void refusesAPortOutOfRange(String port) {
            assertTrue(refusal("--transport", "http", "--port", port).contains("between 1 and 65535"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"mcp", "/", "/mcp/", "/m cp", "/mcp?x=1"})
        void refusesAnMcpPathThatIsNotAPath(String path) {
            assertTrue(refusal("--transport", "http", "--mcp-path", path).startsWith("--mcp-path must be a path"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"example.com", "https://example.com/", "https://example.com/app", "*"})
        void refusesAnAllowedOriginThatIsNotAnOrigin(String origin) {
            assertTrue(refusal("--transport", "http", "--allowed-origin", origin).contains("is not an origin"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://fabric:8080", "not a url", "http://", "http://127.0.0.1:8080/?x=1"})
        void refusesAFabricUrlThatIsNotOne(String url) {
            assertTrue(refusal("--fabric-url", url).startsWith("invalid --fabric-url"), refusal("--fabric-url", url));
        }

        @Test
        void refusesAnUnknownTransportAndNamesTheGoodOnes() {
            CommandRun run = execute("--transport", "websocket");
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("unknown transport 'websocket': use stdio or http"), run.err());
        }

        @Test
        void refusesAnUnknownLogLevel() {
            CommandRun run = execute("--log-level", "loud");
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("use trace, debug, info, warn or error"), run.err());
        }

        @Test
        void aValidationProblemExitsWith2AndTheReason() {
            CommandRun run = execute("--port", "9000");
            assertEquals(2, run.exitCode());
            assertTrue(run.err().startsWith("fabric-mcp: --port is only valid with --transport http"), run.err());
        }

        @Test
        void printsTheMavenVersion() {
            CommandRun run = execute("--version");
            assertEquals(0, run.exitCode());
            assertTrue(run.out().startsWith("fabric-mcp " + Version.current()), run.out());
            assertFalse(Version.current().contains("${"));
        }

        @Test
        void printsHelpWithTheEnvironmentVariables() {
            CommandRun run = execute("--help");
            assertEquals(0, run.exitCode());
            assertTrue(run.out().contains("--fabric-timeout") && run.out().contains("FABRIC_MCP_HTTP_TOKEN"));
            assertTrue(run.out().contains("Commands:") && run.out().contains("  doctor") && run.out().contains("  config"),
                    run.out());
        }

        @Test
        void suggestsTheSubcommandOfAMisspeltOne() {
            // Serving is parsed without the subcommands first; a word it does not take brings them in.
            CommandRun run = execute("doctr");
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("'doctr'") && run.err().contains("doctor"), run.err());
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest
        @CsvSource({"90, PT1M30S", "600s, PT10M", "10m, PT10M", "1h, PT1H", "500ms, PT0.5S", "PT10M, PT10M",
            "pt2m, PT2M", "' 45s ', PT45S"})
        void readsTheUsualForms(String text, String expected) {
            assertEquals(Duration.parse(expected), new DurationConverter().convert(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0s", "PT0S", "-5", "ten minutes", "10 minutes", "5d", "PT-1M", ""})
        void refusesWhatIsNotAPositiveDuration(String text) {
            assertThrows(CommandLine.TypeConversionException.class, () -> new DurationConverter().convert(text));
        }

        @Test
        void aBadTimeoutIsAUsageError() {
            CommandRun run = execute("--fabric-timeout", "soon");
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("'soon' is not a valid duration"), run.err());
        }
    }

    @Nested
    class Secrets {

        @TempDir
        Path directory;

        @Test
        void readsTheApiKeyFromTheEnvironment() {
            environment.put(FabricMcpCommand.FABRIC_API_KEY, "key-from-env");
            assertEquals("key-from-env", settings().fabricApiKey().orElseThrow().reveal());
        }

        @Test
        void treatsAnEmptyVariableAsUnset() {
            environment.put(FabricMcpCommand.FABRIC_API_KEY, "");
            assertEquals(Optional.empty(), settings().fabricApiKey());
        }

        @Test
        void readsTheApiKeyFileWithoutItsTrailingNewline() throws IOException {
            environment.put(FabricMcpCommand.FABRIC_API_KEY, "key-from-env");
            Path file = Files.writeString(directory.resolve("key"), "key-from-file\n");
            assertEquals("key-from-file", settings("--fabric-api-key-file", file.toString())
                    .fabricApiKey().orElseThrow().reveal());
        }

        @Test
        void saysPreciselyWhyAKeyFileCannotBeUsed() throws IOException {
            Path missing = directory.resolve("missing");
            assertEquals("--fabric-api-key-file " + missing + " does not exist",
                    refusal("--fabric-api-key-file", missing.toString()));
            Path empty = Files.writeString(directory.resolve("empty"), "\n");
            assertEquals("--fabric-api-key-file " + empty + " is empty",
                    refusal("--fabric-api-key-file", empty.toString()));
            assertTrue(refusal("--fabric-api-key-file", directory.toString()).contains("cannot be read"));
        }

        @Test
        void neverShowsTheKey() throws IOException {
            Path twoLines = Files.writeString(directory.resolve("key"), "first-half-of-key\nsecond-half\n");
            String message = refusal("--fabric-api-key-file", twoLines.toString());
            assertTrue(message.contains("control characters"), message);
            assertFalse(message.contains("half"), message);

            environment.put(FabricMcpCommand.FABRIC_API_KEY, "visible-key");
            assertFalse(settings().toString().contains("visible-key"));
        }

        @Test
        void readsTheBearerTokenFromItsFile() throws IOException {
            Path file = Files.writeString(directory.resolve("token"), "file-token\r\n");
            assertEquals("file-token", settings("--transport", "http", "--http-token-file", file.toString())
                    .http().token().orElseThrow().reveal());
        }

        @Test
        void refusesABearerTokenThatCannotBeSentInAHeader() {
            environment.put(FabricMcpCommand.HTTP_TOKEN, "two words");
            String message = refusal("--transport", "http");
            assertTrue(message.contains("printable ASCII without spaces"), message);
            assertFalse(message.contains("two words"));
        }
    }

    @Nested
    class ExposedAddresses {

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "::"})
        void refusesToListenOffLoopbackWithoutAToken(String host) {
            CommandRun run = execute("--transport", "http", "--host", host);
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("refusing to listen on " + host + " without a bearer token"), run.err());
            assertTrue(run.err().contains("FABRIC_MCP_HTTP_TOKEN"), run.err());
        }

        @Test
        void listensOffLoopbackWithALongToken() {
            environment.put(FabricMcpCommand.HTTP_TOKEN, LONG_TOKEN);
            assertEquals("0.0.0.0", settings("--transport", "http", "--host", "0.0.0.0").http().host());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "::"})
        void refusesAShortTokenOffLoopbackWithoutShowingIt(String host) {
            environment.put(FabricMcpCommand.HTTP_TOKEN, "0123456789abcdef0123456789abcde");
            CommandRun run = execute("--transport", "http", "--host", host);
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("refusing to listen on " + host + " with a bearer token of 31 characters"
                    + " (from $FABRIC_MCP_HTTP_TOKEN)"), run.err());
            assertTrue(run.err().contains("at least 32 random characters"), run.err());
            assertFalse(run.err().contains("0123456789abcdef0123456789abcde"), run.err());
        }

        @Test
        void acceptsAShortTokenOnLoopback() {
            environment.put(FabricMcpCommand.HTTP_TOKEN, "t");
            assertEquals("t", settings("--transport", "http").http().token().orElseThrow().reveal());
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "127.0.0.1", "::1", "[::1]"})
        void needsNoTokenOnLoopback(String host) {
            assertEquals(Optional.empty(), settings("--transport", "http", "--host", host).http().token());
        }

        @Test
        void refusesAHostThatDoesNotResolve() {
            assertTrue(refusal("--transport", "http", "--host", "no-such-host.invalid").contains("cannot resolve"));
        }
    }
}
