package dev.fabricmcp.cli;

import java.util.Locale;
import picocli.CommandLine;

/** How MCP clients reach the server. */
enum Transport {
    /** One client that started the server as a child process and talks over its stdin and stdout. */
    STDIO,
    /** Any number of clients over MCP Streamable HTTP. */
    HTTP;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code stdio} or {@code http}, in any case. */
    static final class Converter implements CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            for (Transport transport : values()) {
                if (transport.name().equalsIgnoreCase(value.strip())) {
                    return transport;
                }
            }
            throw new CommandLine.TypeConversionException("unknown transport '" + value + "': use stdio or http");
        }
    }
}
