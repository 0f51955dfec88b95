package dev.fabricmcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go {@code encoding/json} compatibility of the encoder and of the decode error texts. */
class GoJsonTest {

    @Test
    void escapesLikeGoAndNotLikeGson() {
        assertEquals("\"\\u003cb\\u003e \\u0026 ' = \\\" \\\\ \\n\\r\\t\\b\\f \\u0001 \\u2028\\u2029 é\"",
                GoJson.encode("<b> & ' = \" \\ \n\r\t\b\f \u0001 \u2028\u2029 é"));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertEquals("\"a\ufffdb\uD83D\uDE00\"", GoJson.encode("a\uD800b\uD83D\uDE00"));
    }

    @Test
    void mapsAreSortedStructsKeepOrderOmitEmptyDrops() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1);
        map.put("alpha", List.of("x"));
        map.put("mid", null);
        assertEquals("{\"alpha\":[\"x\"],\"mid\":null,\"zeta\":1}", GoJson.encode(map));
        assertEquals("{\"type\":\"complete\",\"format\":\"plain\"}", StreamEvent.COMPLETE.toJson());
        assertEquals("{\"type\":\"content\",\"format\":\"markdown\"}", StreamEvent.content("").toJson());
        assertEquals("{\"type\":\"usage\",\"usage\":{\"input_tokens\":9,\"output_tokens\":2,\"total_tokens\":11}}",
                StreamEvent.usage(TokenUsage.of(9, 2)).toJson());
        assertEquals("{\"type\":\"content\",\"format\":\"mermaid\",\"content\":\"graph TD\\nA--\\u003eB\"}",
                StreamEvent.content("graph TD\nA-->B").toJson());
    }

    @Test
    void syntaxErrorsUseGoWording() {
        assertEquals("EOF", syntax(""));
        assertEquals("EOF", syntax("  \n"));
        assertEquals("unexpected EOF", syntax("{\"prompts\":["));
        assertEquals("invalid character 'x' looking for beginning of value", syntax("x"));
        assertEquals("invalid character '}' looking for beginning of object key string", syntax("{\"a\":1,}"));
        assertEquals("invalid character 'b' after object key", syntax("{\"a\" b}"));
        assertEquals("invalid character ']' after object key:value pair", syntax("{\"a\":1]"));
        assertEquals("invalid character '}' after array element", syntax("[1}"));
        assertEquals("invalid character '\\n' in string literal", syntax("\"a\nb\""));
        assertEquals("invalid character 'x' in string escape code", syntax("\"\\x\""));
        assertEquals("invalid character 'o' in literal true (expecting 'r')", syntax("to"));
        assertEquals("invalid character '\\'' looking for beginning of value", syntax("'a'"));
        assertEquals(null, syntax("{\"a\":1} trailing garbage is ignored by json.Decoder"));
    }

    @Test
    void typeErrorsUseGoWording() {
        assertEquals("json: cannot unmarshal number into Go struct field ChatRequest.Thinking of type "
                + "domain.ThinkingLevel", ChatRequestDecoder.decode(bytes("{\"thinking\":0}")).error());
        assertEquals("json: cannot unmarshal number into Go struct field PromptRequest.prompts.userInput of type "
                + "string", ChatRequestDecoder.decode(bytes("{\"prompts\":[{\"userInput\":1}]}")).error());
        assertEquals("json: cannot unmarshal number 1.5 into Go struct field ChatRequest.modelContextLength of "
                + "type int", ChatRequestDecoder.decode(bytes("{\"modelContextLength\":1.5}")).error());
        assertEquals("json: cannot unmarshal array into Go value of type restapi.ChatRequest",
                ChatRequestDecoder.decode(bytes("[]")).error());
        assertEquals(null, ChatRequestDecoder.decode(bytes("null")).error());
    }

    @Test
    void optionKeysMatchCaseInsensitivelyButSnakeCaseDoesNot() {
        ChatRequest r = ChatRequestDecoder.toRequest(ChatRequestDecoder.decode(bytes(
                "{\"TEMPERATURE\":0.5,\"topP\":0.9,\"top_p\":0.1,\"thinking\":\"low\",\"search\":true}")));
        assertEquals(0.5, r.options().temperature());
        assertEquals(0.9, r.options().topP());
        assertEquals("low", r.options().thinking());
        assertEquals(true, r.options().search());
    }

    @Test
    void floatsPrintLikeGo() {
        assertEquals("0.7", GoFloat.verbV(0.7));
        assertEquals("0", GoFloat.verbV(0));
        assertEquals("1e+06", GoFloat.verbV(1_000_000));
        assertEquals("123456", GoFloat.verbV(123_456));
        assertEquals("1e-05", GoFloat.verbV(0.00001));
        assertEquals("1e+21", GoFloat.json(1e21));
        assertEquals("1e-7", GoFloat.json(1e-7));
        assertEquals("100000", GoFloat.json(100_000));
    }

    private static String syntax(String body) {
        return GoJsonSyntax.check(bytes(body)).error();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
