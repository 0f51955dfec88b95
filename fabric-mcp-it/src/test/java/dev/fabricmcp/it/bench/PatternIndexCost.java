package dev.fabricmcp.it.bench;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.Pattern;
import dev.fabricmcp.core.catalog.PatternEntry;
import dev.fabricmcp.core.catalog.PatternIndex;
import dev.fabricmcp.core.catalog.PatternLibrary;
import dev.fabricmcp.emulator.FabricEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 6: what the pattern library costs with as many patterns as Fabric ships (~250): loading them from Fabric's
 * REST API and indexing them (both in the background, off the request path), and one fabric_find_patterns search
 * (on the request path).
 */
final class PatternIndexCost {

    static final int PATTERNS = 250;
    private static final List<String> TASKS = List.of("look at ransomware samples", "summarize this article",
            "turn the notes from today's call into action items", "write a commit message for this diff",
            "fact check the statements in this speech", "translate this documentation into Japanese");

    private PatternIndexCost() {
    }

    static void measure(Table table, String section, boolean quick) throws Exception {
        int runs = quick ? 3 : 10;
        try (FabricEmulator base = FabricEmulator.builder().build().start()) {
            FabricClient baseClient = FabricClient.builder().baseUri(base.uri()).build();
            List<String> names = baseClient.listPatternNames();
            Map<String, String> patterns = new LinkedHashMap<>();
            for (int i = 0; i < PATTERNS; i++) {
                String name = names.get(i % names.size());
                Pattern pattern = baseClient.getPattern(name);
                patterns.put(i < names.size() ? name : name + "_" + i, pattern.pattern());
            }
            try (FabricEmulator fabric = FabricEmulator.builder().patterns(patterns).build().start()) {
                FabricClient client = FabricClient.builder().baseUri(fabric.uri()).build();
                Samples load = new Samples();
                Samples index = new Samples();
                List<PatternEntry> entries = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    try (PatternLibrary library = new PatternLibrary(client, Duration.ofHours(1))) {
                        long start = System.nanoTime();
                        entries = library.reload().patterns();
                        load.add(System.nanoTime() - start);
                    }
                    long start = System.nanoTime();
                    PatternIndex.of(entries);
                    index.add(System.nanoTime() - start);
                }
                PatternIndex built = PatternIndex.of(entries);
                Samples search = new Samples();
                for (int i = 0; i < (quick ? 300 : 3_000); i++) {
                    long start = System.nanoTime();
                    built.search(TASKS.get(i % TASKS.size()), 5);
                    search.add(System.nanoTime() - start);
                }
                table.info(section, "load " + PATTERNS + " patterns from Fabric and index them (background)",
                        millis(load));
                table.info(section, "index " + PATTERNS + " patterns (Lucene, in memory; background)", millis(index));
                table.info(section, "one fabric_find_patterns search (" + PATTERNS + " patterns)",
                        String.format(Locale.ROOT, "p50 %.0f / p95 %.0f µs (%d searches)", search.median() / 1e3,
                                search.percentile(95) / 1e3, search.size()));
            }
        }
    }

    private static String millis(Samples nanos) {
        // The first run includes loading Lucene's classes and is the maximum as a rule.
        return String.format(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f; %d runs)", nanos.median() / 1e6,
                nanos.percentile(0) / 1e6, nanos.max() / 1e6, nanos.size());
    }
}
