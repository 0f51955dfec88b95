package dev.fabricmcp.it.bench;

import java.util.ArrayList;
import java.util.List;

/** The one table the benchmark prints: what was measured, the target, and whether it was met. */
final class Table {

    enum Verdict {
        MET("met"), MISSED("MISSED"), INFO("");

        final String text;

        Verdict(String text) {
            this.text = text;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    record Row(String section, String what, String measured, String target, Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String section, String what, String measured, String target, Verdict verdict) {
        rows.add(new Row(section, what, measured, target, verdict));
        System.err.printf("  %-44s %-40s %-22s %s%n", what, measured, target, verdict.text);
    }

    void info(String section, String what, String measured) {
        add(section, what, measured, "", Verdict.INFO);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A Markdown table (readable as plain text too). */
    String render() {
        String[] header = {"#", "measure", "measured", "target", "result"};
        int[] width = new int[header.length];
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(new String[]{row.section(), row.what(), row.measured(), row.target(), row.verdict().text});
        }
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append(' ').append("-".repeat(w)).append(" |");
        }
        out.append(rule).append('\n');
        for (String[] c : cells) {
            line(out, c, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        out.append('\n');
    }
}
