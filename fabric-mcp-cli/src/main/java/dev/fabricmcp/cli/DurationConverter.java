package dev.fabricmcp.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a positive duration as people write it: {@code 90} (seconds), {@code 500ms}, {@code 600s}, {@code 10m},
 * {@code 1h}, or ISO-8601 such as {@code PT10M}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration duration = value.startsWith("pt") || value.startsWith("p") ? iso(value) : shortForm(value);
        if (duration == null) {
            throw invalid(text, "");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw invalid(text, " (it must be longer than zero)");
        }
        return duration;
    }

    private static Duration shortForm(String value) {
        Matcher matcher = SHORT_FORM.matcher(value);
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Duration iso(String value) {
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static CommandLine.TypeConversionException invalid(String text, String why) {
        return new CommandLine.TypeConversionException("'" + text + "' is not a valid duration" + why
                + ": use e.g. 90 (seconds), 600s, 10m, 1h or PT10M");
    }
}
