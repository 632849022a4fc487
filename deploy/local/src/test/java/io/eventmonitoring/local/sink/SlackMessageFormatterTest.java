package io.eventmonitoring.local.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageFormatterTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void textAloneIsPrintedWholeWithItsLinesIndented() throws Exception {
        String printed = SlackMessageFormatter.format("user", "08:00:00.000",
                mapper.readTree("{\"text\":\"Digest: 3 events\\n• user.signed-up ×2\\n• user.review-posted ×1\"}"));

        assertThat(printed).isEqualTo("""
                [slack #user 08:00:00.000] Digest: 3 events
                        • user.signed-up ×2
                        • user.review-posted ×1""");
    }

    @Test
    void withBlocksOnlyTheFirstLineOfTheTextIsPrintedAndTheBlocksInFull() throws Exception {
        String printed = SlackMessageFormatter.format("order", "08:00:00.000", mapper.readTree("""
                {"text": "order.created · order 1001\\nCustomer 42",
                 "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*order.created*\\nCustomer 42"}},
                            {"type": "rich_text", "elements": [{"type": "rich_text_section",
                              "elements": [{"type": "text", "text": "total "}, {"type": "text", "text": "12.5"}]}]}]}
                """));

        assertThat(printed).isEqualTo("""
                [slack #order 08:00:00.000] order.created · order 1001 …
                    [section] *order.created*
                        Customer 42
                    [rich_text] total 12.5""");
    }

    @Test
    void legacyAttachmentsAreShownWithTheirText() throws Exception {
        String printed = SlackMessageFormatter.format("order", "08:00:00.000",
                mapper.readTree("{\"attachments\":[{\"fallback\":\"3 orders cancelled\"}]}"));

        assertThat(printed).isEqualTo("[slack #order 08:00:00.000] (no text)\n    attachment: 3 orders cancelled");
    }
}
