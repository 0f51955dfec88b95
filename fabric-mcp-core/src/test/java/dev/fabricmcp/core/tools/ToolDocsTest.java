package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/tools.md is the tool declarations written out: this test fails when they drift apart. After changing a
 * declaration, rewrite the file with
 * {@code mvn -pl fabric-mcp-core -am test -Dtest=ToolDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dtools.docs.write=true}.
 */
class ToolDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "tools.md");

    @Test
    void docsDescribeEveryToolAsDeclared() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("tools.docs.write")) {
            Files.writeString(DOCS, expected);
        }
        assertEquals(expected, Files.readString(DOCS),
                "docs/tools.md differs from the tool declarations; rewrite it with -Dtools.docs.write=true");
    }

    static String render() {
        StringBuilder md = new StringBuilder("""
                # Tools

                <!-- Written from the tool declarations (FabricTools.DECLARATIONS) by ToolDocsTest, which fails when
                     this file and the declarations differ. Do not edit by hand: see ToolDocsTest. -->

                Every tool refuses an argument it does not declare, and names the parameter, the value given and
                what is allowed when a value does not fit. The same facts reach MCP clients as each tool's
                `inputSchema` in `tools/list`.
                """);
        for (ToolDeclaration tool : FabricTools.DECLARATIONS) {
            md.append("\n## `").append(tool.name()).append("` — ").append(tool.title()).append("\n\n")
                    .append(tool.description()).append("\n\n")
                    .append(tool.readOnly() ? "Read-only: it changes nothing in Fabric, and may be repeated.\n\n"
                            : "Not read-only: a run may change a Fabric session.\n\n");
            if (tool.parameters().isEmpty()) {
                md.append("No parameters.\n");
                continue;
            }
            md.append("| parameter | type | required or default | allowed | meaning |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (Param<?> parameter : tool.parameters()) {
                Map<String, Object> schema = parameter.schema();
                md.append("| `").append(parameter.name()).append("` | ").append(type(schema)).append(" | ")
                        .append(parameter.required() ? "required"
                                : schema.containsKey("default") ? "default `" + json(schema.get("default")) + "`"
                                : "optional")
                        .append(" | ").append(allowed(schema)).append(" | ")
                        .append(parameter.description() == null ? "" : parameter.description().replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String type(Map<String, Object> schema) {
        return schema.containsKey("additionalProperties") ? "object of strings" : (String) schema.get("type");
    }

    private static String allowed(Map<String, Object> schema) {
        if (schema.containsKey("minLength")) {
            return "not blank";
        }
        if (schema.containsKey("minimum")) {
            return schema.get("minimum") + " to " + schema.get("maximum");
        }
        return "";
    }

    private static String json(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
