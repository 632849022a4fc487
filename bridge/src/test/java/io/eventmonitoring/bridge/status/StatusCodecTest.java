package io.eventmonitoring.bridge.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
    private static final ReplicaStatus REPLICA = new ReplicaStatus("replica-a", NOW.minusSeconds(60), NOW,
            List.of(new RouteCounters("orders", "order", Map.of("routed", 12L, "posted", 3L))));

    @Test
    void aReplicasCountersRoundTripUnderItsKey() {
        String value = StatusCodec.encode(REPLICA);

        assertThat(value).contains("\"version\":1");
        assertThat(StatusCodec.decodeReplica("replica:replica-a", value)).isEqualTo(REPLICA);
    }

    @Test
    void aReplicaRecordThatIsNotOneIsRefusedWithTheReason() {
        String value = StatusCodec.encode(REPLICA);

        assertThatThrownBy(() -> StatusCodec.decodeReplica("replica:replica-b", value))
                .hasMessageContaining("is not of the status's replica 'replica-a'");
        assertThatThrownBy(() -> StatusCodec.decodeReplica("replica:replica-a", value.replace("\"version\":1", "\"version\":2")))
                .hasMessage("unknown version 2");
        assertThatThrownBy(() -> StatusCodec.decodeReplica("replica:replica-a", value.replace(",\"version\":1", "")))
                .hasMessage("no version");
        assertThatThrownBy(() -> StatusCodec.decodeReplica("replica:replica-a", value.replace("12", "-12")))
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> StatusCodec.decodeReplica("replica:replica-a", value.replace("\"startedAt\"", "\"began\"")))
                .hasMessage("startedAt, publishedAt and routes are required");
        assertThatThrownBy(() -> StatusCodec.decodeReplica("replica:replica-a", value.replace("12", "\"many\"")))
                .hasMessageStartingWith("not a replica status");
    }
}
