package dev.fabricmcp.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A Fabric strategy as {@code GET /strategies} lists it ({@code {"name","description","prompt"}}, lower-case
 * keys because Fabric's {@code StrategyMeta} has json tags) and as {@code /chat}'s {@code strategyName} uses it.
 *
 * @param name        the file name without {@code .json}
 * @param description the description
 * @param prompt      the text prepended to the system message
 */
public record FabricStrategy(String name, String description, String prompt) {

    public FabricStrategy {
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNullElse(description, "");
        prompt = Objects.requireNonNullElse(prompt, "");
    }

    /**
     * The strategies {@code fabric --setup} installs. The cod, cot, ltm and self-refine texts are Fabric's;
     * the others are written in the same style.
     */
    public static List<FabricStrategy> shipped() {
        return List.of(
                new FabricStrategy("aot", "Atom-of-Thought (AoT) Prompting",
                        "Decompose the problem into small independent atomic questions, answer each one, "
                                + "then combine the answers. Return the final answer in the required format."),
                new FabricStrategy("cod", "Chain-of-Draft (CoD) Prompting",
                        "Think step by step, keeping a minimal draft (5 words max) for each step. "
                                + "Return the final answer in the required format."),
                new FabricStrategy("cot", "Chain-of-Thought (CoT) Prompting",
                        "Think step by step to answer the question. Return the final answer in the required format."),
                new FabricStrategy("ltm", "Least-to-Most Prompting",
                        "Break down the problem into simpler sub-problems from easiest to hardest; "
                                + "answer concisely at each step."),
                new FabricStrategy("reflexion", "Reflexion Prompting",
                        "Answer the question, reflect briefly on any mistakes in the answer, "
                                + "then give an improved final answer."),
                new FabricStrategy("self-consistent", "Self-Consistency Prompting",
                        "Work out several independent lines of reasoning and return the answer "
                                + "most of them agree on."),
                new FabricStrategy("self-refine", "Self-Refinement",
                        "Provide an initial concise answer, critique it briefly, and refine if necessary."),
                new FabricStrategy("standard", "Standard Prompting",
                        "Answer the question directly and concisely."),
                new FabricStrategy("tot", "Tree-of-Thought (ToT) Prompting",
                        "Explore several reasoning paths as a tree, evaluate each branch, "
                                + "and return the answer from the most promising path."));
    }

    JsonFields toJson() {
        return new JsonFields().field("name", name).field("description", description).field("prompt", prompt);
    }
}
