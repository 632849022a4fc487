package io.eventmonitoring.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    @Test
    void roundTripKeepsEveryAttribute() {
        var data = JsonNodeFactory.instance.objectNode().put("email", "ada@example.com");
        CloudEvent event = CloudEvent.of(EventType.USER_SIGNED_UP, "42", data);

        String json = CloudEventCodec.encode(event);
        CloudEvent decoded = CloudEventCodec.decode(json);

        assertThat(decoded).isEqualTo(event);
        assertThat(json).contains("\"specversion\":\"1.0\"", "\"severity\":\"info\"", "\"source\":\"/domain-user\"");
        assertThat(json).containsPattern("\"time\":\"\\d{4}-\\d{2}-\\d{2}T[^\"]+Z\"");
        assertThat(decoded.key()).isEqualTo("user:42");
        assertThat(decoded.domain()).isEqualTo("user");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all|not JSON",
            "[1,2]|not a JSON object",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"user.x\"} x|not JSON",
            "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"user.x\"}|unsupported specversion '0.3'",
            "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"user.x\"}|missing or empty 'id'",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\"}|missing or empty 'type'",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"user.x\",\"severity\":\"loud\"}|unknown severity 'loud'",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"user.x\",\"time\":\"yesterday\"}|time is not RFC 3339",
    })
    void rejectsWhatIsNotACloudEventWithAReason(String value, String reason) {
        assertThatThrownBy(() -> CloudEventCodec.decode(value))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(reason);
    }

    /** A domain service the bridge never heard of: its events are read like any other, its domain is the type's prefix. */
    @Test
    void anEventOfAnyDomainIsRead() {
        CloudEvent event = CloudEventCodec.decode("""
                {"specversion":"1.0","id":"p-1","source":"/domain-payment","type":"payment.captured",
                 "subject":"pay-7","data":{"amount":"12.50"}}""");

        assertThat(event.domain()).isEqualTo("payment");
        assertThat(event.key()).isEqualTo("payment:pay-7");
    }

    @Test
    void rejectsEmptyValues() {
        assertThatThrownBy(() -> CloudEventCodec.decode((String) null)).hasMessage("empty record value");
        assertThatThrownBy(() -> CloudEventCodec.decode("  ")).hasMessage("empty record value");
    }
}
