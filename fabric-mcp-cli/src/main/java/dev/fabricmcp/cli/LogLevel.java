package dev.fabricmcp.cli;

import java.util.Locale;
import picocli.CommandLine;

/** How much fabric-mcp writes to stderr. */
enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a level name in any case. */
    static final class Converter implements CommandLine.ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            for (LogLevel level : values()) {
                if (level.name().equalsIgnoreCase(value.strip())) {
                    return level;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "unknown log level '" + value + "': use trace, debug, info, warn or error");
        }
    }
}
