package dev.fabricmcp.cli;

import dev.fabricmcp.client.FabricClient;
import picocli.CommandLine;

/** The version Maven built: the one the client library reads, since every module shares it. */
final class Version implements CommandLine.IVersionProvider {

    static String current() {
        return FabricClient.VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"fabric-mcp " + current(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
