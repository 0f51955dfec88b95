package dev.fabricmcp.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolResultValidatorTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object",
            "properties", Map.of("patterns", Map.of("type", "array", "items", Map.of("type", "string"))),
            "required", List.of("patterns"));

    private final ToolResultValidator validator = new ToolResultValidator();

    @Test
    void aStructuredResultIsCheckedAgainstItsToolsOutputSchema() {
        assertTrue(validator.validate(SCHEMA, Map.of("patterns", List.of("summarize"))).valid());
        assertFalse(validator.validate(SCHEMA, Map.of("patterns", 3)).valid());
        assertFalse(validator.validate(SCHEMA, Map.of()).valid());
    }

    @Test
    void theToolsOwnSchemasAreTakenAsValid() {
        // ToolSchemasTest checks them with the SDK's validator.
        assertTrue(validator.validateSchema(Map.of("type", 12)).valid());
    }
}
