package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redaction reads the value's text: what a URI parser would miss or misread is still hidden. */
class ConfigurationRedactionTest {

    private static final String REDACTED = ConfigurationTool.REDACTED;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://user:SECRET@my_host:11434|http://my_host:11434",
        "http://user:SECRET@studio:1234/v1|http://studio:1234/v1",
        "http://u:p@ss:SECRET@host:1/x|http://host:1/x",
        "http://host:1234/v1#token=SECRET|http://host:1234/v1",
        "http://host:1234/v1;key=SECRET|http://host:1234/v1",
        "http://host/v1?api_key=SECRET&x=1|http://host/v1",
        "http://127.0.0.1:11434|http://127.0.0.1:11434",
        "https://[::1]:1234/v1|https://[::1]:1234/v1",
        "key:SECRET|" + REDACTED,
        "lmstudio-SECRET|" + REDACTED,
        "http://host:SECRET@|" + REDACTED,
        "http://host:notaport/v1|" + REDACTED,
        "http://SECRET host/|" + REDACTED,
    })
    void keepsOnlySchemeHostPortAndPath(String value, String shown) {
        assertEquals(shown, ConfigurationTool.withoutCredentials(value));
    }
}
