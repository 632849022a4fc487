package io.eventmonitoring.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code instance} is the path of the request that failed ({@link ProblemInstance}
 * sets it). {@code errors} names each request field at fault; when there is exactly one, {@code field} names it
 * too, so a client that expects one field reads it without a list.
 */
// Written by Jackson from mappers' Response entities, which no resource method's return type names: native images
// would not know to keep its accessors.
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class})
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json); errors names each bad field.")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(description = "Problem type URI", examples = "about:blank", required = true) String type,
        @Schema(description = "HTTP reason phrase", examples = "Bad Request", required = true) String title,
        @Schema(description = "HTTP status code", examples = "400", required = true) int status,
        @Schema(description = "What went wrong, for a human", examples = "The request has invalid fields.") String detail,
        @Schema(description = "The path of the request that failed", examples = "/users/0b5e8a52-8ad4-4f5e-9a4c-7c1f0f3a2b6e/profile")
        String instance,
        @Schema(description = "The field at fault, when there is exactly one (the same as errors[0].field)", examples = "email")
        String field,
        @Schema(description = "Each bad field of the request, by its JSON path (items[0].sku), query or path parameter name (userId), header name, or body")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (field == null && errors.size() == 1) {
            field = errors.get(0).field();
        }
    }

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "email", required = true) String field,
            @Schema(examples = "must be a well-formed email address", required = true) String message) {
    }

    /** A problem about no field in particular. */
    public static Problem of(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail, null, null, List.of());
    }

    /** A problem naming the fields at fault. */
    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem(ABOUT_BLANK, title, status, detail, null, null, errors);
    }

    /** 400 naming every bad field. */
    public static Problem invalid(List<FieldError> errors) {
        return of(400, "Bad Request", "The request has invalid fields.", errors);
    }

    /** 400 naming one bad field. */
    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** This problem about the request at {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, field, errors);
    }

    /** This problem as a JAX-RS answer: its status, {@value #MEDIA_TYPE}, itself as the body. */
    public Response toResponse() {
        return toResponseBuilder().build();
    }

    /** {@link #toResponse()} still open for headers (Retry-After, Allow, WWW-Authenticate). */
    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
