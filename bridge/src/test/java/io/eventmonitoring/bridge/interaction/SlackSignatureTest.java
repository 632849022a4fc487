package io.eventmonitoring.bridge.interaction;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlackSignatureTest {

    private static final byte[] SECRET = "test-signing-secret".getBytes(StandardCharsets.UTF_8);
    private static final String TIMESTAMP = "1700000000";
    private static final Instant SENT = Instant.ofEpochSecond(1_700_000_000L);
    private static final byte[] BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D".getBytes(StandardCharsets.UTF_8);
    /** {@code printf 'v0:1700000000:<body>' | openssl dgst -sha256 -hmac test-signing-secret}, computed apart. */
    private static final String SIGNATURE = "v0=8ff64a276b74f3bfc205d8b1fdf8b29d2be346bc136af509b33bab6d090ef061";

    @Test
    void aRequestSignedWithTheSecretWithinFiveMinutesIsSlacks() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, SENT)).isTrue();
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, SENT.plusSeconds(300))).isTrue();
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, SENT.minusSeconds(300))).isTrue();
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() {
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, SENT.plusSeconds(301))).isFalse();
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, SENT.minusSeconds(301))).isFalse();
    }

    @Test
    void anythingAlteredOrMissingIsRefused() {
        byte[] altered = "payload=%7B%22type%22%3A%22block_actionz%22%7D".getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, altered, SENT)).isFalse();
        assertThat(SlackSignature.verify("other".getBytes(StandardCharsets.UTF_8), TIMESTAMP, SIGNATURE, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, "1700000001", SIGNATURE, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE.toUpperCase(), BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE.substring(3), BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, null, SIGNATURE, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, null, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, "-1", SIGNATURE, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(SECRET, "1e9", SIGNATURE, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(new byte[0], TIMESTAMP, SIGNATURE, BODY, SENT)).isFalse();
    }
}
