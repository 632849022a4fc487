package io.eventmonitoring.command.idempotency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTest {

    @Test
    void aQuotedOrBareKeyIsItsValueAndNoHeaderIsNoKey() {
        assertThat(IdempotencyKey.parse("\"8e03978e-40d5\"")).contains(new IdempotencyKey("8e03978e-40d5"));
        assertThat(IdempotencyKey.parse("order-42-try")).contains(new IdempotencyKey("order-42-try"));
        assertThat(IdempotencyKey.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "   ", "caf\u00e9", "a\"b", "back\\slash", "tab\tin"})
    void aMalformedKeyIsRefused(String header) {
        assertThatThrownBy(() -> IdempotencyKey.parse(header)).isInstanceOf(InvalidIdempotencyKeyException.class);
    }

    @Test
    void aKeyLongerThan255CharactersIsRefused() {
        assertThat(IdempotencyKey.parse("k".repeat(255))).isPresent();
        assertThatThrownBy(() -> IdempotencyKey.parse("k".repeat(256))).isInstanceOf(InvalidIdempotencyKeyException.class);
    }
}
