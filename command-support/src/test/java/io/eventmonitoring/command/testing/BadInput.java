package io.eventmonitoring.command.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of a validation table: a bad request and the problem it must get: the status, application/problem+json,
 * exactly the named fields, and nothing that looks like a stack trace.
 */
public record BadInput(String name, String method, String path, String contentType, String body,
                       int status, List<String> fields) {

    public static BadInput post(String name, String path, String body) {
        return new BadInput(name, "POST", path, ContentType.JSON.toString(), body, 0, List.of());
    }

    public static BadInput put(String name, String path, String body) {
        return new BadInput(name, "PUT", path, ContentType.JSON.toString(), body, 0, List.of());
    }

    public static BadInput delete(String name, String path) {
        return new BadInput(name, "DELETE", path, null, null, 0, List.of());
    }

    public static BadInput get(String name, String path) {
        return new BadInput(name, "GET", path, null, null, 0, List.of());
    }

    public BadInput contentType(String type) {
        return new BadInput(name, method, path, type, body, status, fields);
    }

    /** The expected answer: a status and the fields it names. */
    public BadInput answers(int expectedStatus, String... expectedFields) {
        return new BadInput(name, method, path, contentType, body, expectedStatus, List.of(expectedFields));
    }

    public void assertAnswered() {
        RequestSpecification request = given();
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, path);
        String text = response.asString();
        assertThat(response.statusCode()).as("status of %s, answered %s", name, text).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", name).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("instance")).as("instance of %s", name)
                .isEqualTo(path.replaceFirst("\\?.*", ""));
        List<String> named = response.jsonPath().getList("errors.field", String.class);
        assertThat(named == null ? List.<String>of() : named).as("fields named for %s: %s", name, text)
                .containsExactlyInAnyOrderElementsOf(fields);
        assertThat(text).as("no stack trace").doesNotContain("Exception", "\tat ", ".java:");
    }

    @Override
    public String toString() {
        return name;
    }
}
