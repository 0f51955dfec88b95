package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Contexts, sessions, YouTube transcripts and the pattern search, through the real process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentToolsIT {

    @AutoClose
    private final FabricEmulator fabric = ContentFabric.start();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsAndShowsContextsAndSessions(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            assertEquals(Map.of("contexts", List.of("about_me")), ok(mcp.session().call("fabric_list_contexts", Map.of()))
                    .structuredContent());
            assertEquals(Map.of("name", "about_me", "content", "I write Java for a living."),
                    ok(mcp.session().call("fabric_get_context", Map.of("context_name", "about_me")))
                            .structuredContent());
            assertEquals(Map.of("sessions", List.of("release_notes")),
                    ok(mcp.session().call("fabric_list_sessions", Map.of())).structuredContent());
            McpSchema.CallToolResult session = ok(mcp.session().call("fabric_get_session",
                    Map.of("session_name", "release_notes")));
            assertEquals("[user]\nDraft the notes\n\n[assistant]\nHere they are", Texts.of(session));

            assertEquals("Fabric has no context 'nope'. Call fabric_list_contexts to see the contexts Fabric has.",
                    failed(mcp.session().call("fabric_get_context", Map.of("context_name", "nope"))));
            assertTrue(failed(mcp.session().call("fabric_get_session", Map.of("session_name", "nope")))
                    .startsWith("Fabric has no session 'nope'. Call fabric_list_sessions"));
            assertEquals("context name must not contain '/' or '\\': '../secrets'",
                    failed(mcp.session().call("fabric_get_context", Map.of("context_name", "../secrets"))));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getsATranscriptAndExplainsEachOfFabricsRefusals(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            McpSchema.CallToolResult transcript = ok(mcp.session().call("fabric_get_youtube_transcript",
                    Map.of("url", "https://youtu.be/dQw4w9WgXcQ", "timestamps", true)));
            assertTrue(Texts.of(transcript).startsWith("[00:00:00] Hello and welcome to this video."));
            assertEquals("dQw4w9WgXcQ", ((Map<?, ?>) transcript.structuredContent()).get("video_id"));

            assertTrue(failed(mcp.session().call("fabric_get_youtube_transcript",
                    Map.of("url", "https://example.com/video"))).startsWith("'https://example.com/video' is not the"
                    + " URL of a YouTube video. Give one like https://www.youtube.com/watch?v=ID"));
            assertTrue(failed(mcp.session().call("fabric_get_youtube_transcript",
                    Map.of("url", "https://www.youtube.com/playlist?list=PL123"))).startsWith("The URL is a"
                    + " playlist, not a video."));
            try {
                fabric.youtubeFailure(FabricEmulator.YT_DLP_MISSING);
                assertTrue(failed(mcp.session().call("fabric_get_youtube_transcript",
                        Map.of("url", "https://youtu.be/dQw4w9WgXcQ"))).startsWith("Fabric reads transcripts with"
                        + " yt-dlp, which is not installed where Fabric runs. Install yt-dlp"));
                fabric.youtubeFailure(FabricEmulator.NO_TRANSCRIPT);
                assertTrue(failed(mcp.session().call("fabric_get_youtube_transcript",
                        Map.of("url", "https://youtu.be/dQw4w9WgXcQ", "language", "de"))).startsWith("The video has"
                        + " no transcript Fabric could read in 'de'."));
            } finally {
                fabric.youtubeFailure(null);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void findsPatternsForATaskDescribedInWords(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            McpSchema.CallToolResult found = ok(mcp.session().call("fabric_find_patterns",
                    Map.of("query", "look at ransomware samples", "limit", 3)));
            List<?> patterns = (List<?>) ((Map<?, ?>) found.structuredContent()).get("patterns");
            assertEquals(3, patterns.size());
            assertEquals("analyze_malware", ((Map<?, ?>) patterns.get(0)).get("name"));
            assertTrue(Texts.of(found).startsWith("1. analyze_malware (score "), Texts.of(found));
            assertEquals(26, ((Number) ((Map<?, ?>) found.structuredContent()).get("searched")).intValue());

            assertEquals("limit must be a whole number from 1 to 50 (inclusive), got 0.",
                    failed(mcp.session().call("fabric_find_patterns", Map.of("query", "x", "limit", 0))));
            assertTrue(Texts.of(ok(mcp.session().call("fabric_find_patterns", Map.of("query", "zyxxy qwop"))))
                    .startsWith("No pattern among Fabric's 26 matches \"zyxxy qwop\"."));
        }
    }

    private static McpSchema.CallToolResult ok(McpSchema.CallToolResult result) {
        assertEquals(false, Boolean.TRUE.equals(result.isError()), () -> Texts.of(result));
        return result;
    }

    private static String failed(McpSchema.CallToolResult result) {
        assertEquals(true, result.isError(), () -> Texts.of(result));
        return Texts.of(result);
    }
}
