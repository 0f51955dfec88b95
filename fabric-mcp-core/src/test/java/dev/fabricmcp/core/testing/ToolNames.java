package dev.fabricmcp.core.testing;

import java.util.List;

/** What the tests expect fabric-mcp to offer: its tools, in the order clients list them, written down once. */
public final class ToolNames {

    public static final List<String> ALL = List.of("fabric_list_patterns", "fabric_find_patterns",
            "fabric_get_pattern_details", "fabric_run_pattern", "fabric_run_pipeline", "fabric_list_models",
            "fabric_list_strategies", "fabric_list_contexts", "fabric_get_context", "fabric_list_sessions",
            "fabric_get_session", "fabric_get_youtube_transcript", "fabric_get_configuration");

    private ToolNames() {
    }
}
