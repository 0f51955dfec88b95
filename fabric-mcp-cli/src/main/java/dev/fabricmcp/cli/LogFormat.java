package dev.fabricmcp.cli;

import java.util.Locale;
import picocli.CommandLine;

/** How log lines on stderr look: for people, or one JSON object per line for log shippers. */
enum LogFormat {
    TEXT, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a format name in any case. */
    static final class Converter implements CommandLine.ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            for (LogFormat format : values()) {
                if (format.name().equalsIgnoreCase(value.strip())) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("unknown log format '" + value + "': use text or json");
        }
    }
}
