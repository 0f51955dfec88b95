package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import dev.fabricmcp.emulator.RecordedEvent;
import dev.fabricmcp.core.testing.McpSession;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real streaming through the real process: each chunk reaches the client before Fabric writes the next one. The
 * emulator runs in this JVM, so its send times and the client's arrival times come from one clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingIT {

    /** Far longer than a relay takes, so "arrived before the next chunk was written" is a safe claim. */
    private static final Duration GAP = Duration.ofMillis(250);
    private static final List<String> WORDS = List.of("Streaming ", "is ", "real ", "here.");

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder()
            .script("summarize", ChatScript.answerWithDelay(GAP, WORDS.toArray(String[]::new)))
            .build().start();

    private static Map<String, Object> streaming(String input) {
        return Map.of("pattern_name", "summarize", "input_text", input, "stream", true);
    }

    private static List<RecordedEvent> contentEvents(RecordedChat chat) {
        return chat.events().stream().filter(e -> e.type().equals("content")).toList();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void relaysEachChunkAsProgressBeforeFabricWritesTheNext(Transport transport) throws Exception {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            CompletableFuture<RecordedChat> sent = fabric.nextChat();
            CompletableFuture<McpSchema.CallToolResult> call = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("progress " + transport), "tok-" + transport)
                    .toFuture();
            List<McpSession.Arrival<McpSchema.ProgressNotification>> arrivals = new ArrayList<>();
            for (int i = 0; i < WORDS.size(); i++) {
                arrivals.add(mcp.session().nextProgress(Duration.ofSeconds(10)));
            }
            McpSchema.CallToolResult result = call.get(30, TimeUnit.SECONDS);
            Instant resultAt = Instant.now();
            RecordedChat chat = sent.get(5, TimeUnit.SECONDS);
            chat.finished().get(5, TimeUnit.SECONDS);
            List<RecordedEvent> written = contentEvents(chat);

            for (int i = 0; i < WORDS.size(); i++) {
                McpSchema.ProgressNotification progress = arrivals.get(i).notification();
                assertEquals(WORDS.get(i), progress.message());
                assertEquals("tok-" + transport, progress.progressToken());
                if (i > 0) {
                    assertTrue(progress.progress() > arrivals.get(i - 1).notification().progress());
                }
                if (i + 1 < WORDS.size()) { // the last word is followed at once by usage and "\n"
                    Instant nextWrite = written.get(i + 1).writtenAt();
                    assertTrue(arrivals.get(i).at().isBefore(nextWrite), "chunk " + i + " arrived at "
                            + arrivals.get(i).at() + ", after Fabric wrote the next one at " + nextWrite);
                }
            }
            assertTrue(arrivals.get(0).at().isBefore(chat.finishedAt().orElse(resultAt)),
                    "the first chunk arrived before Fabric's stream ended");
            assertFalse(result.isError());
            assertEquals(chat.contentText(), Texts.of(result), "the result still holds the whole answer");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fallsBackToLogMessagesWithoutAProgressToken(Transport transport) throws Exception {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            CompletableFuture<RecordedChat> sent = fabric.nextChat();
            CompletableFuture<McpSchema.CallToolResult> call = CompletableFuture.supplyAsync(
                    () -> mcp.session().call("fabric_run_pattern", streaming("logs " + transport)));
            McpSession.Arrival<McpSchema.LoggingMessageNotification> first = mcp.session()
                    .nextLog(Duration.ofSeconds(10));
            assertEquals("fabric_run_pattern", first.notification().logger());
            assertEquals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Streaming \"}",
                    first.notification().data());
            McpSchema.CallToolResult result = call.get(30, TimeUnit.SECONDS);
            RecordedChat chat = sent.get(5, TimeUnit.SECONDS);
            chat.finished().get(5, TimeUnit.SECONDS);
            assertTrue(first.at().isBefore(contentEvents(chat).get(1).writtenAt()),
                    "the first chunk arrived before Fabric wrote the second");
            assertEquals(chat.contentText(), Texts.of(result));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsNoChunksWhenNotStreaming(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            McpSchema.CallToolResult result = mcp.session().callWithProgress("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "quiet"), "quiet").block(Duration.ofSeconds(30));
            assertEquals(String.join("", WORDS) + "\n", Texts.of(result));
            assertTrue(mcp.session().drainProgress().isEmpty());
            assertTrue(mcp.session().drainLogs().isEmpty());
        }
    }
}
