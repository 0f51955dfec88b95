package dev.fabricmcp.emulator;

import java.math.BigDecimal;

/**
 * Formats {@code float64} values like Go: {@link #json(double)} as {@code encoding/json} writes them and
 * {@link #verbV(double)} as {@code fmt}'s {@code %v} prints them (used in the emulator's default answer,
 * which echoes the options the way a Go program would print them).
 */
final class GoFloat {

    private GoFloat() {
    }

    /** Shortest decimal digits and the position of the decimal point, like strconv's decimal. */
    private record Digits(boolean negative, String digits, int decimalPoint) {
        static Digits of(double d) {
            if (d == 0) {
                return new Digits(1 / d < 0, "0", 1);
            }
            BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
            String digits = exact.unscaledValue().toString();
            return new Digits(d < 0, digits, digits.length() - exact.scale());
        }

        String plain() {
            StringBuilder sb = new StringBuilder(negative ? "-" : "");
            if (decimalPoint <= 0) {
                sb.append("0.").append("0".repeat(-decimalPoint)).append(digits);
            } else if (decimalPoint >= digits.length()) {
                sb.append(digits).append("0".repeat(decimalPoint - digits.length()));
            } else {
                sb.append(digits, 0, decimalPoint).append('.').append(digits.substring(decimalPoint));
            }
            return sb.toString();
        }

        String exponent(int minExponentDigits) {
            StringBuilder sb = new StringBuilder(negative ? "-" : "");
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits.substring(1));
            }
            int exp = digits.equals("0") ? 0 : decimalPoint - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            sb.append("0".repeat(Math.max(0, minExponentDigits - e.length()))).append(e);
            return sb.toString();
        }
    }

    static String json(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("json: unsupported value: " + d);
        }
        double abs = Math.abs(d);
        Digits digits = Digits.of(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            return digits.exponent(1);
        }
        return digits.plain();
    }

    static String verbV(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        Digits digits = Digits.of(d);
        int exp = digits.decimalPoint() - 1;
        if (d != 0 && (exp < -4 || exp >= 6)) {
            return digits.exponent(2);
        }
        return digits.plain();
    }
}
