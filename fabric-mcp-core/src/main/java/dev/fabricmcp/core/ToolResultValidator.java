package dev.fabricmcp.core;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The JSON Schema validator the legacy SDK server gets: structured tool results are checked against their tool's
 * output schema by the SDK's own validator, set up on the first result; the tools' schemas are taken as valid. The
 * SDK would check every tool's schemas while its server is built, setting up its validator for that (about a tenth
 * of the time to answer {@code initialize}, docs/benchmarks.md) for schemas that are constants of this code:
 * {@code ToolSchemasTest} checks them with the SDK's validator instead.
 */
final class ToolResultValidator implements JsonSchemaValidator {

    private volatile JsonSchemaValidator validator;

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return sdkValidator().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    private JsonSchemaValidator sdkValidator() {
        JsonSchemaValidator current = validator;
        if (current == null) {
            current = McpJsonDefaults.getSchemaValidator();
            validator = current;
        }
        return current;
    }
}
