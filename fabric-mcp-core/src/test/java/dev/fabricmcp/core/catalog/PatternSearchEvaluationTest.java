package dev.fabricmcp.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.emulator.FabricEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How well fabric_find_patterns ranks: the task descriptions in {@code pattern-search-tasks.tsv}, each written for
 * one of the emulator's patterns, are searched in an index built the way the server builds it (from Fabric's REST
 * API, here the emulator's). The intended pattern must come first for at least 80% of them and in the top 3 for all.
 */
class PatternSearchEvaluationTest {

    private record Task(String expected, String description) {
    }

    @Test
    void findsTheIntendedPatternFirstForMostTasksAndInTheTopThreeForAll() throws IOException {
        List<Task> tasks = tasks();
        assertTrue(tasks.size() >= 20, "the evaluation needs at least 20 tasks, has " + tasks.size());
        try (FabricEmulator fabric = FabricEmulator.builder().build().start();
             PatternLibrary library = new PatternLibrary(
                     FabricClient.builder().baseUri(fabric.uri()).build(), Duration.ofMinutes(1))) {
            PatternLibrary.Snapshot snapshot = library.snapshot();
            int first = 0;
            List<String> notInTopThree = new ArrayList<>();
            for (Task task : tasks) {
                List<String> top = snapshot.index().search(task.description(), 3).stream()
                        .map(PatternIndex.Hit::name).toList();
                if (!top.isEmpty() && top.get(0).equals(task.expected())) {
                    first++;
                } else {
                    System.out.println("[PatternSearchEvaluationTest] not first: " + task.expected() + " <- \""
                            + task.description() + "\": " + top);
                }
                if (!top.contains(task.expected())) {
                    notInTopThree.add(task.expected() + " <- \"" + task.description() + "\": " + top);
                }
            }
            System.out.printf("[PatternSearchEvaluationTest] %d tasks over %d patterns: intended pattern first for"
                            + " %d (%.0f%%), in the top 3 for %d; index built in %d ms%n", tasks.size(),
                    snapshot.patterns().size(), first, 100.0 * first / tasks.size(),
                    tasks.size() - notInTopThree.size(), snapshot.indexMillis());
            assertEquals(List.of(), notInTopThree, "every task's pattern must be in the top 3");
            assertTrue(first >= Math.ceil(0.8 * tasks.size()), "first for only " + first + " of " + tasks.size());
        }
    }

    private static List<Task> tasks() throws IOException {
        try (InputStream in = PatternSearchEvaluationTest.class.getResourceAsStream("/pattern-search-tasks.tsv")) {
            List<Task> tasks = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.split("\t", 2);
                    tasks.add(new Task(fields[0].strip(), fields[1].strip()));
                }
            }
            return tasks;
        }
    }
}
