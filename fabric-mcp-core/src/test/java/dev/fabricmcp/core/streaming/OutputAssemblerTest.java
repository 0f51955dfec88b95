package dev.fabricmcp.core.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabricmcp.client.FabricChunk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputAssemblerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "graph TD|\\nA-->B|mermaid",
            "  flowchart LR|\\nA|mermaid",
            "sequence|Diagram\\nA->>B: hi|mermaid",
            "Here is a graph TD|: no|markdown",
            "# Summary|\\n- point|markdown"})
    void detectsMermaidFromTheWholeAnswerNotFromOneChunk(String first, String second, String expected) {
        OutputAssembler output = new OutputAssembler();
        output.add(FabricChunk.content("markdown", first.replace("\\n", "\n")));
        output.add(FabricChunk.content("markdown", second.replace("\\n", "\n")));
        assertEquals(expected, output.format());
    }
}
