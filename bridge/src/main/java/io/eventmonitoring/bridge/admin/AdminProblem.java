package io.eventmonitoring.bridge.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem document for the management API; {@code field} names the request field at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AdminProblem(String type, String title, int status, String detail, String field, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static AdminProblem of(int status, String title, String detail) {
        return new AdminProblem("about:blank", title, status, detail, null, List.of());
    }
}
