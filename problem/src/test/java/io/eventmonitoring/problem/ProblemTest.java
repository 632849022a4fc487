package io.eventmonitoring.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProblemTest {

    record Item(String sku, int quantity) {
    }

    record Order(String customer, List<Item> items) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void oneFieldAtFaultIsNamedInFieldAndErrors() throws Exception {
        assertThat(mapper.readTree(mapper.writeValueAsString(Problem.invalid("duration", "missing"))))
                .isEqualTo(mapper.readTree("""
                        {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has invalid fields.",
                         "field":"duration","errors":[{"field":"duration","message":"missing"}]}"""));
    }

    @Test
    void theInstanceIsThePathOfTheRequest() throws Exception {
        Problem problem = Problem.invalid("email", "must be a well-formed email address").at("/users");
        assertThat(mapper.readTree(mapper.writeValueAsString(problem)).path("instance").asText()).isEqualTo("/users");
        assertThat(problem.field()).isEqualTo("email");
    }

    @Test
    void severalFieldsAtFaultAreNamedInErrorsOnly() throws Exception {
        Problem problem = Problem.invalid(List.of(new Problem.FieldError("a", "x"), new Problem.FieldError("b", "y")));
        assertThat(mapper.readTree(mapper.writeValueAsString(problem)).has("field")).isFalse();
    }

    @Test
    void aProblemAboutNoFieldHasNeither() throws Exception {
        assertThat(mapper.readTree(mapper.writeValueAsString(Problem.of(409, "Conflict", "again"))))
                .isEqualTo(mapper.readTree("""
                        {"type":"about:blank","title":"Conflict","status":409,"detail":"again"}"""));
    }

    @Test
    void theResponseCarriesTheStatusTheMediaTypeAndTheProblem() {
        Problem problem = Problem.of(503, "Service Unavailable", "later");
        Response response = problem.toResponseBuilder().header("Retry-After", 5).build();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMetadata().getFirst("Content-Type").toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getMetadata().getFirst("Retry-After")).isEqualTo(5);
        assertThat(response.getEntity()).isEqualTo(problem);
    }

    @Test
    void aBadFieldIsNamedByItsJsonPathAndItsJsonType() {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class, () -> mapper.readValue(
                "{\"customer\":\"c\",\"items\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"b\",\"quantity\":\"two\"}]}",
                Order.class));
        assertThat(FieldNames.of(e)).isEqualTo("items[1].quantity");
        assertThat(ProblemMappers.expected(((MismatchedInputException) e).getTargetType())).isEqualTo("must be an integer");
    }

    @Test
    void theWholeBodyIsNamedBody() {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class, () -> mapper.readValue("[]", Order.class));
        assertThat(FieldNames.of(e)).isEqualTo(FieldNames.BODY);
    }
}
