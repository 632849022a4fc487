package io.eventmonitoring.command.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every command endpoint with its answer and each of its errors. */
public final class OpenApiCheck {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiCheck() {
    }

    /** @param expected operations as {@code POST /users}: exactly these must be documented */
    public static void assertDocuments(List<String> expected) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = op.getValue().path("responses");
                assertThat(responses.path("202").path("content").path("application/json").path("schema").path("$ref").asText())
                        .as("202 of %s", name).endsWith("/CommandAccepted");
                assertThat(responses.path("202").path("headers").has("Location")).as("Location of %s", name).isTrue();
                List<String> errors = new ArrayList<>(List.of("400", "409", "413", "422", "503", "504"));
                if (path.getKey().contains("{")) {
                    errors.add("404");
                }
                for (String status : errors) {
                    assertThat(responses.path(status).path("content").path("application/problem+json").path("schema")
                            .path("$ref").asText()).as("%s of %s", status, name).endsWith("/Problem");
                }
                assertThat(responses.path("503").path("headers").has("Retry-After")).as("Retry-After of %s", name).isTrue();
                assertThat(op.getValue().path("summary").asText()).as("summary of %s", name).isNotBlank();
                List<String> headers = new ArrayList<>();
                op.getValue().path("parameters").forEach(p -> {
                    if ("header".equals(p.path("in").asText())) {
                        headers.add(p.path("name").asText());
                    }
                });
                assertThat(headers).as("header parameters of %s", name).contains("Idempotency-Key");
            }
        }
        assertThat(operations).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** With Kafka up the service is live and ready, and exposes its metrics. */
    public static void assertOperable() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
