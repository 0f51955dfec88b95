package dev.fabricmcp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One run of the {@code fabric-mcp} command as {@code main} runs it, with this environment, in this JVM: its exit
 * code and what it printed.
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun execute(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = FabricMcpCommand.commandLine(new FabricMcpCommand(environment::get));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
