package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tool's input and output schema is valid JSON Schema by the SDK's own validator. The server does not check
 * them when it starts (its validator takes them as valid, to start faster), so this test is where they are checked.
 */
class ToolSchemasTest {

    private final JsonSchemaValidator sdkValidator = McpJsonDefaults.getSchemaValidator();

    @Test
    void everyToolsSchemasConformToJsonSchema() {
        for (ToolDeclaration declaration : FabricTools.DECLARATIONS) {
            McpSchema.Tool tool = declaration.tool();
            assertDoesNotThrow(() -> sdkValidator.assertConforms(tool.name() + " input", tool.inputSchema()));
            assertDoesNotThrow(() -> sdkValidator.assertConforms(tool.name() + " output", tool.outputSchema()));
        }
    }

    @Test
    void theSdkValidatorRejectsASchemaThatIsNotOne() {
        assertFalse(sdkValidator.validateSchema(Map.of("type", 12)).valid());
    }
}
