package dev.fabricmcp.client.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser gives the same events however the bytes are split: every case below is fed whole, split in two at
 * every possible boundary, and byte by byte.
 */
class SseParserTest {

    private static final int NO_LIMIT = Integer.MAX_VALUE;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static SseEvent message(String data) {
        return new SseEvent("message", data, "");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Feeds the pieces in order and returns the events dispatched. */
    private static List<SseEvent> parse(int maxEventBytes, byte[] bytes, int... cuts) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, maxEventBytes);
        int start = 0;
        for (int cut : cuts) {
            feed(parser, bytes, start, cut);
            start = cut;
        }
        feed(parser, bytes, start, bytes.length);
        return events;
    }

    private static void feed(SseParser parser, byte[] bytes, int from, int to) {
        ByteBuffer piece = ByteBuffer.wrap(bytes, from, to - from);
        parser.feed(piece);
        assertFalse(piece.hasRemaining(), "the parser reads every byte it is given");
    }

    private static List<SseEvent> parseByteByByte(int maxEventBytes, byte[] bytes) {
        int[] cuts = new int[Math.max(0, bytes.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return parse(maxEventBytes, bytes, cuts);
    }

    /** Asserts the stream gives {@code expected} fed whole, in two pieces at every boundary, and byte by byte. */
    private static void assertEvents(byte[] bytes, List<SseEvent> expected) {
        assertEquals(expected, parse(NO_LIMIT, bytes), "fed whole");
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertEquals(expected, parse(NO_LIMIT, bytes, cut), "split at byte " + cut);
        }
        assertEquals(expected, parseByteByByte(NO_LIMIT, bytes), "fed byte by byte");
    }

    private static void assertEvents(String text, SseEvent... expected) {
        assertEvents(utf8(text), List.of(expected));
    }

    @Nested
    class LineEnds {

        @ParameterizedTest(name = "{index}: line end {0}")
        @ValueSource(strings = {"\n", "\r\n", "\r"})
        void endLinesAndEventsWithEachLineEnd(String end) {
            assertEvents("data: a" + end + end + "data: b" + end + "data: c" + end + end,
                    message("a"), message("b\nc"));
        }

        @Test
        void mayBeMixedInOneStream() {
            assertEvents("data: a\r\n\ndata: b\r\rdata: c\n\r\n", message("a"), message("b"), message("c"));
        }

        @Test
        void treatACarriageReturnThenNewlineAsOneLineEnd() {
            // Were "\r\n" two line ends, "data: a\r\n" alone would already dispatch.
            assertEvents("data: a\r\ndata: b\r\n\r\n", message("a\nb"));
        }
    }

    @Nested
    class DataLines {

        @Test
        void dropOneSpaceAfterTheColon() {
            assertEvents("data: x\n\n", message("x"));
        }

        @Test
        void needNoSpaceAfterTheColon() {
            assertEvents("data:x\n\n", message("x"));
        }

        @Test
        void keepASecondSpace() {
            assertEvents("data:  x \n\n", message(" x "));
        }

        @Test
        void joinWithNewlines() {
            assertEvents("data: first\ndata: second\ndata:third\n\n", message("first\nsecond\nthird"));
        }

        @Test
        void mayBeEmpty() {
            assertEvents("data:\n\n", message(""));
        }

        @Test
        void mayHaveNoColonAtAll() {
            assertEvents("data\n\n", message(""));
        }

        @Test
        void keepAnEmptyLineInTheMiddle() {
            assertEvents("data: a\ndata:\ndata: b\n\n", message("a\n\nb"));
        }

        @Test
        void keepColonsInTheValue() {
            assertEvents("data: {\"a\":\"b: c\"}\n\n", message("{\"a\":\"b: c\"}"));
        }

        @Test
        void carryUtf8MultiByteTextWhole() {
            // 2-, 3- and 4-byte sequences; the splits land inside each of them.
            assertEvents("data: h\u00e9llo \u2192 \uD83C\uDF89 \u65e5\u672c\n\n", message("héllo → 🎉 日本"));
        }
    }

    @Nested
    class OtherLines {

        @Test
        void nameTheEventAndItsIdAndIgnoreRetryAndComments() {
            assertEvents(": keep-alive\nevent: update\nid: 7\nretry: 3000\ndata: x\n\ndata: y\n\n",
                    new SseEvent("update", "x", "7"), new SseEvent("message", "y", "7"));
        }

        @Test
        void resetTheEventNameButKeepTheLastIdAfterEachEvent() {
            assertEvents("event: a\nid: 1\ndata: x\n\ndata: y\n\nid:\ndata: z\n\n",
                    new SseEvent("a", "x", "1"), new SseEvent("message", "y", "1"), new SseEvent("message", "z", ""));
        }

        @Test
        void ignoreAnIdWithANulCharacter() {
            assertEvents("id: 1\ndata: x\n\nid: 2\u00003\ndata: y\n\n",
                    new SseEvent("message", "x", "1"), new SseEvent("message", "y", "1"));
        }

        @Test
        void ignoreUnknownFields() {
            assertEvents("foo: bar\nDATA: shout\ndata: x\nbaz\n\n", message("x"));
        }

        @Test
        void ignoreACommentBetweenDataLines() {
            assertEvents("data: a\n:comment\ndata: b\n\n", message("a\nb"));
        }
    }

    @Nested
    class BlankLines {

        @Test
        void dispatchNothingWithoutData() {
            assertEvents("\n\n\r\n\r");
        }

        @Test
        void dispatchNothingForAnEventNameAlone() {
            assertEvents("event: orphan\n\ndata: x\n\n", message("x"));
        }

        @Test
        void dispatchNothingForCommentsAlone() {
            assertEvents(": one\n\n: two\n\n");
        }

        @Test
        void doNotDispatchAnEventTheStreamNeverEnded() {
            assertEvents("data: a\n\ndata: b\n", message("a"));
        }
    }

    @Nested
    class AByteOrderMark {

        @Test
        void isSkippedAtTheStart() {
            assertEvents(concat(BOM, utf8("data: x\n\n")), List.of(message("x")));
        }

        @Test
        void isSkippedOnlyOnce() {
            // A second BOM is part of the first line's field name, which makes it an unknown field.
            assertEvents(concat(concat(BOM, BOM), utf8("data: x\n\ndata: y\n\n")), List.of(message("y")));
        }

        @Test
        void isNotSkippedLaterInTheStream() {
            assertEvents(concat(utf8("data: x\n\n"), concat(BOM, utf8("data: y\n\n"))), List.of(message("x")));
        }

        @Test
        void thatIsOnlyPartlyThereKeepsItsBytes() {
            // EF BB then "data..." is not a BOM: the two bytes stay in the first line, whose field is then unknown.
            byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB}, utf8("data: x\n\ndata: y\n\n"));
            assertEvents(bytes, List.of(message("y")));
        }
    }

    @Nested
    class FabricsOwnStream {

        @Test
        void givesOneEventPerFabricChunk() {
            String body = "data: {\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Hello\"}\n\n"
                    + "data: {\"type\":\"content\",\"format\":\"markdown\",\"content\":\" world\"}\n\n"
                    + "data: {\"type\":\"usage\",\"usage\":{\"input_tokens\":9,\"output_tokens\":2,"
                    + "\"total_tokens\":11}}\n\n"
                    + "data: {\"type\":\"content\",\"format\":\"markdown\",\"content\":\"\\n\"}\n\n"
                    + "data: {\"type\":\"complete\",\"format\":\"plain\"}\n\n";

            assertEvents(body,
                    message("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Hello\"}"),
                    message("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\" world\"}"),
                    message("{\"type\":\"usage\",\"usage\":{\"input_tokens\":9,\"output_tokens\":2,"
                            + "\"total_tokens\":11}}"),
                    message("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"\\n\"}"),
                    message("{\"type\":\"complete\",\"format\":\"plain\"}"));
        }
    }

    @Nested
    class PartialEvents {

        private SseParser fedWith(String text) {
            SseParser parser = new SseParser(event -> { }, NO_LIMIT);
            parser.feed(ByteBuffer.wrap(utf8(text)));
            return parser;
        }

        @Test
        void areReportedForAnUnfinishedLine() {
            assertTrue(fedWith("data: {\"type\":").hasPartialEvent());
        }

        @Test
        void areReportedForDataAwaitingItsBlankLine() {
            assertTrue(fedWith("data: x\n").hasPartialEvent());
        }

        @Test
        void areReportedForAnEventNameAwaitingData() {
            assertTrue(fedWith("event: x\n").hasPartialEvent());
        }

        @Test
        void areNotReportedAfterADispatchedEvent() {
            assertFalse(fedWith("data: x\n\n").hasPartialEvent());
        }

        @Test
        void areNotReportedForCommentsAlone() {
            assertFalse(fedWith(": ping\n").hasPartialEvent());
        }
    }

    @Nested
    class TheEventSizeGuard {

        @Test
        void acceptsAnEventOfExactlyTheLimit() {
            byte[] bytes = utf8("data: 1234\n\n"); // 10 bytes of line content

            assertEquals(List.of(message("1234")), parse(10, bytes));
            assertEquals(List.of(message("1234")), parseByteByByte(10, bytes));
        }

        @Test
        void refusesAnEventOneByteOverTheLimit() {
            byte[] bytes = utf8("data: 12345\n\n");

            SseFormatException failure = assertThrows(SseFormatException.class, () -> parse(10, bytes));
            assertTrue(failure.getMessage().contains("10 bytes"), failure.getMessage());
            assertThrows(SseFormatException.class, () -> parseByteByByte(10, bytes));
        }

        @Test
        void countsEveryLineOfTheEvent() {
            assertThrows(SseFormatException.class, () -> parse(10, utf8("data: 12\ndata: 34\n\n")));
        }

        @Test
        void startsCountingAfreshAtEachEvent() {
            byte[] bytes = utf8("data: 1234\n\ndata: 5678\n\ndata: abcd\n\n");

            assertEquals(List.of(message("1234"), message("5678"), message("abcd")), parse(10, bytes));
        }

        @Test
        void refusesALineThatNeverEnds() {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add, 1024);
            byte[] half = new byte[512];
            Arrays.fill(half, (byte) 'x');

            parser.feed(ByteBuffer.wrap(half));
            parser.feed(ByteBuffer.wrap(half)); // exactly at the limit, still no line end

            assertThrows(SseFormatException.class, () -> parser.feed(ByteBuffer.wrap(new byte[] {'x'})));
            assertEquals(List.of(), events);
        }

        @Test
        void mustBePositive() {
            assertThrows(IllegalArgumentException.class, () -> new SseParser(event -> { }, 0));
        }
    }
}
