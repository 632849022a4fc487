package io.eventmonitoring.local.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-29T20:00:00.123Z");
    private static final String ID_A = "48582412-d019-4aaf-827a-735ccab0a954";
    private static final String ID_B = "d9773ff3-e870-4056-aafd-b0e1a9a55de8";

    /** Shaped as the bridge's MessageRenderer writes a message of one event. */
    @Test
    void aMessageOfOneEventCountsOneAndShowsItsId() throws Exception {
        ReceivedMessage message = ReceivedMessage.of("user", AT, JSON.readTree("""
                {"text":":bust_in_silhouette: *user.signed-up*","blocks":[
                  {"type":"section","text":{"type":"mrkdwn","text":"*user.signed-up*"}},
                  {"type":"context","elements":[{"type":"mrkdwn",
                   "text":"*info* · user.signed-up · 2026-11-29T19:57:48Z · route user-events · id %s"}]}]}
                """.formatted(ID_A)));

        assertThat(message).isEqualTo(new ReceivedMessage("user", AT, false, 1, List.of(ID_A)));
    }

    /** Shaped as the bridge's MessageRenderer writes a digest: a count, and the latest few in full. */
    @Test
    void aDigestCountsWhatItSaysAndShowsTheIdsOfItsExamples() throws Exception {
        ReceivedMessage message = ReceivedMessage.of("order", AT, JSON.readTree("""
                {"text":"32 events on #order (grouped to respect Slack's rate limit): order.created × 32","blocks":[
                  {"type":"header","text":{"type":"plain_text","text":"32 events"}},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"Latest 2 of 32:"}]},
                  {"type":"section","text":{"type":"mrkdwn","text":"order"}},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"*info* · order.created · route order-events · id %s"}]},
                  {"type":"section","text":{"type":"mrkdwn","text":"order"}},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"*info* · order.created · route order-events · id %s"}]}]}
                """.formatted(ID_A, ID_B)));

        assertThat(message).isEqualTo(new ReceivedMessage("order", AT, true, 32, List.of(ID_A, ID_B)));
    }

    @Test
    void aLineOfTheRecordReadsBackAsTheSameMessage() {
        ReceivedMessage message = new ReceivedMessage("order", AT, true, 7, List.of(ID_A, ID_B));

        assertThat(ReceivedMessage.fromJsonLine(message.toJsonLine())).isEqualTo(message);
        assertThat(message.toJsonLine()).doesNotContain("\n");
    }
}
