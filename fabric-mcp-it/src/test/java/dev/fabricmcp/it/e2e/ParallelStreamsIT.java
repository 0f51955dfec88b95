package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.ChatOutcome;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Fifty streamed runs at once on one HTTP fabric-mcp, one client session: each completes with its own answer, and
 * each run's progress notifications carry exactly its own chunks, in order.
 */
class ParallelStreamsIT {

    private static final int RUNS = 50;

    private static String input(int run) {
        return "Parallel run " + run + " of " + RUNS + ": a text of its own, number " + run + ".";
    }

    private static String token(int run) {
        return "parallel-" + run;
    }

    private static String userInput(RecordedChat chat) {
        return chat.requestJson().map(json -> json.getAsJsonObject().getAsJsonArray("prompts").get(0)
                .getAsJsonObject().get("userInput").getAsString()).orElse("");
    }

    @Test
    void fiftyParallelStreamedRunsEachGetTheirOwnAnswerAndChunks() throws Exception {
        // The emulator's own answer names the pattern and echoes the input, one word every 5 ms.
        try (FabricEmulator fabric = FabricEmulator.builder().wordDelay(Duration.ofMillis(5)).build().start();
                Transport.Connection mcp = Transport.HTTP.connect(fabric.uri().toString())) {
            List<CompletableFuture<McpSchema.CallToolResult>> calls = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                calls.add(mcp.session().callWithProgress("fabric_run_pattern", Map.of("pattern_name", "summarize",
                        "input_text", input(run), "stream", true), token(run)).toFuture());
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            Map<Object, String> outputs = new LinkedHashMap<>();
            for (int run = 0; run < RUNS; run++) {
                McpSchema.CallToolResult result = calls.get(run).get();
                assertFalse(Boolean.TRUE.equals(result.isError()), Texts.of(result));
                String input = input(run);
                RecordedChat chat = fabric.awaitChat(c -> userInput(c).equals(input), Duration.ofSeconds(5));
                assertEquals(ChatOutcome.COMPLETED, chat.finished().get(5, TimeUnit.SECONDS));
                assertTrue(chat.contentText().contains(input), chat::contentText);
                assertEquals(chat.contentText(), Texts.of(result), "run " + run + ": the answer to its own input");
                assertEquals(chat.contentText(), ((Map<?, ?>) result.structuredContent()).get("output_text"));
                outputs.put(token(run), Texts.of(result));
            }
            assertEquals(RUNS, fabric.chats().size());

            Map<Object, List<McpSchema.ProgressNotification>> progress = Progress.byToken(mcp.session(), outputs,
                    Duration.ofSeconds(10));
            assertEquals(outputs.keySet(), progress.keySet(), "progress came for exactly the fifty tokens");
            for (Map.Entry<Object, String> output : outputs.entrySet()) {
                List<McpSchema.ProgressNotification> notifications = progress.get(output.getKey());
                assertEquals(output.getValue(), Progress.content(notifications),
                        output.getKey() + ": its chunks, in order, are its output");
                long chunks = notifications.stream().filter(Progress::isContent).count();
                assertTrue(chunks >= 10, output.getKey() + ": one notification per word, got " + chunks);
                assertTrue(IntStream.range(1, notifications.size()).allMatch(
                        i -> notifications.get(i).progress() > notifications.get(i - 1).progress()),
                        output.getKey() + ": progress increases");
            }

            int overlap = maxInFlight(fabric.chats());
            System.out.println("[ParallelStreamsIT] " + RUNS + " runs, at most " + overlap + " streaming at once");
            assertTrue(overlap > 1, "the runs streamed in parallel, not one after another: at most " + overlap);
        }
    }

    /** The largest number of {@code /chat} streams open at the same moment. */
    private static int maxInFlight(List<RecordedChat> chats) {
        int max = 0;
        for (RecordedChat chat : chats) {
            Instant at = chat.request().receivedAt();
            int open = 0;
            for (RecordedChat other : chats) {
                Instant end = other.finishedAt().orElse(Instant.MAX);
                if (!other.request().receivedAt().isAfter(at) && end.isAfter(at)) {
                    open++;
                }
            }
            max = Math.max(max, open);
        }
        return max;
    }
}
