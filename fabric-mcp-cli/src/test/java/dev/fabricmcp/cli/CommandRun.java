package dev.fabricmcp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * One run of the {@code fabric-mcp} command as {@code main} runs it, with this environment, in this JVM: its exit
 * code and what it printed.
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun execute(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FabricMcpCommand.execute(() -> new FabricMcpCommand(environment::get), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
