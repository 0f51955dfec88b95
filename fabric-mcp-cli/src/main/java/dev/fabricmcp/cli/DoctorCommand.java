package dev.fabricmcp.cli;

import dev.fabricmcp.client.FabricClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fabric-mcp doctor}: checks, with the server's own options and environment, that Fabric can be used. */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Checks that fabric-mcp can use Fabric with these options and this environment: Fabric answers"
                + " at its URL, the API key is accepted, what Fabric has, its default model; --run also streams a"
                + " tiny run. Takes every option of the server.", ""},
        footer = {"", "Exit codes: 0 every check passed, 1 a check failed, 2 bad options or settings."})
final class DoctorCommand implements Callable<Integer> {

    /** Short enough that a check does not hang on a Fabric that accepts connections but never answers. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);

    @ParentCommand
    private FabricMcpCommand server;

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", description = "Also stream a tiny run with Fabric's default model (costs a few tokens)"
            + " and report the time to the first chunk and the chunks per second.")
    private boolean run;

    @Override
    public Integer call() {
        Settings settings = server.settings();
        PrintWriter out = spec.commandLine().getOut();
        try {
            server.startFabricIfAsked(settings).ifPresent(found -> out.println(Doctor.PASS + " " + found.description()));
        } catch (StartupException e) {
            out.println(Doctor.FAIL + " " + e.getMessage());
            out.println("    → start Fabric yourself (`fabric --serve`) and run doctor again without --start-fabric");
            out.flush();
            return 1;
        }
        FabricClient.Builder client = FabricClient.builder().baseUri(settings.fabricUrl())
                .requestTimeout(CHECK_TIMEOUT).streamIdleTimeout(settings.fabricTimeout())
                .maxResponseBytes(settings.fabricMaxResponse());
        FabricClient fabric = client.apiKey(settings.fabricApiKey().map(Secret::reveal).orElse(null)).build();
        Doctor doctor = new Doctor(fabric, () -> client.apiKey(null).build(),
                new Doctor.Sources(server.fabricUrlSource(), server.apiKeySource()), out);
        return doctor.run(run) ? 0 : 1;
    }
}
