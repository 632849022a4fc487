package io.eventmonitoring.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackDigestTest {

    @Test
    void aDigestCountsItsEventsAnyOtherMessageIsOne() {
        String digest = "32 events on #order (grouped to respect Slack's rate limit): order.created × 32";

        assertThat(SlackDigest.isDigest(digest)).isTrue();
        assertThat(SlackDigest.eventsIn(digest)).isEqualTo(32);
        assertThat(SlackDigest.isDigest(":package: *order.created* · order `o-1` 3 events on #x")).isFalse();
        assertThat(SlackDigest.eventsIn(":package: *order.created* · order `o-1`")).isEqualTo(1);
        assertThat(SlackDigest.eventsIn(null)).isEqualTo(1);
    }
}
