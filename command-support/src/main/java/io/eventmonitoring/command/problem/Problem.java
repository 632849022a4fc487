package io.eventmonitoring.command.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem document, with the offending fields named in {@code errors}. */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json); errors names each bad field.")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(description = "Problem type URI", examples = "about:blank", required = true) String type,
        @Schema(description = "HTTP reason phrase", examples = "Bad Request", required = true) String title,
        @Schema(description = "HTTP status code", examples = "400", required = true) int status,
        @Schema(description = "What went wrong, for a human", examples = "The request has invalid fields.") String detail,
        @Schema(description = "Each bad field of the request, by its JSON path (items[0].sku), path parameter name (userId) or body")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "email", required = true) String field,
            @Schema(examples = "must be a well-formed email address", required = true) String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem("about:blank", "Bad Request", 400, "The request has invalid fields.", errors);
    }

    public static Problem notFound(List<FieldError> errors) {
        return new Problem("about:blank", "Not Found", 404, "No such entity: the path names an id this service never issued.",
                errors);
    }
}
