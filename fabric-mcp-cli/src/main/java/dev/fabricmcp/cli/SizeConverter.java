package dev.fabricmcp.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a byte count as people write it: {@code 1048576}, {@code 64k}, {@code 16m}, {@code 16MiB}, {@code 1g}.
 * Units are binary: {@code k} is 1024 bytes.
 */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    @Override
    public Long convert(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a valid size: use e.g. 16m (MiB),"
                    + " 512k (KiB), 1g (GiB) or a number of bytes");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        int shift = unit.startsWith("k") ? 10 : unit.startsWith("m") ? 20 : unit.startsWith("g") ? 30 : 0;
        return amount << shift;
    }
}
