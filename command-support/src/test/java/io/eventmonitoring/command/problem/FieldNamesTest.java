package io.eventmonitoring.command.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.command.validation.EntityId;
import io.eventmonitoring.command.validation.StrictJson;
import io.eventmonitoring.problem.FieldNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FieldNamesTest {

    record Item(@NotBlank String sku, @Min(1) int quantity) {
    }

    record Order(@NotBlank String customer, @NotNull List<@NotNull @Valid Item> items) {
    }

    static class Commands {
        @SuppressWarnings("unused")
        void place(@EntityId String orderId, @NotNull @Valid Order body) {
        }
    }

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    @Test
    void fieldsInsideTheBodyAreNamedByTheirJsonPath() throws Exception {
        Order order = new Order("", java.util.Arrays.asList(new Item("ok", 1), null, new Item("", 0)));
        Set<ConstraintViolation<Commands>> violations = validator.forExecutables().validateParameters(new Commands(),
                Commands.class.getDeclaredMethod("place", String.class, Order.class),
                new Object[] {UUID.randomUUID().toString(), order});
        assertThat(violations.stream().map(v -> CommandProblemMappers.fieldOf(v.getPropertyPath())))
                .containsExactlyInAnyOrder("customer", "items[1]", "items[2].sku", "items[2].quantity");
    }

    @Test
    void aPathParameterAndTheWholeBodyAreNamedByParameter() throws Exception {
        Set<ConstraintViolation<Commands>> violations = validator.forExecutables().validateParameters(new Commands(),
                Commands.class.getDeclaredMethod("place", String.class, Order.class), new Object[] {"42", null});
        assertThat(violations.stream().map(v -> CommandProblemMappers.fieldOf(v.getPropertyPath())))
                .containsExactlyInAnyOrder("orderId", "body");
    }

    @Test
    void jacksonPathsReadLikeTheJson() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class, () -> mapper.readValue(
                "{\"customer\":\"c\",\"items\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"b\",\"quantity\":\"2\"}]}", Order.class));
        assertThat(FieldNames.of(e)).isEqualTo("items[1].quantity");
    }

    @Test
    void strictJsonRefusesGuesses() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        assertThat(catchThrowableOfType(JsonMappingException.class,
                () -> mapper.readValue("{\"sku\":5,\"quantity\":1}", Item.class))).isNotNull();
        assertThat(catchThrowableOfType(JsonMappingException.class,
                () -> mapper.readValue("{\"sku\":\"a\",\"quantity\":1.5}", Item.class))).isNotNull();
        assertThat(catchThrowableOfType(JsonMappingException.class,
                () -> mapper.readValue("{\"sku\":\"a\",\"quantity\":1,\"extra\":0}", Item.class)))
                .hasMessageContaining("extra");
        assertThat(catchThrowableOfType(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> mapper.readValue("{\"sku\":\"a\",\"sku\":\"b\",\"quantity\":1}", Item.class)))
                .hasMessageContaining("Duplicate field 'sku'");
    }
}
