package io.eventmonitoring.command.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.eventmonitoring.command.publish.EventNotAcceptedException;
import io.eventmonitoring.command.publish.PublishConfig;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Every error leaves as application/problem+json naming what was wrong; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final PublishConfig publishConfig;

    ProblemMappers(PublishConfig publishConfig) {
        this.publishConfig = publishConfig;
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return problem(Problem.invalid(errors));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return problem(Problem.invalid(List.of(new Problem.FieldError(pathOf(e), "has the wrong type or format"))));
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        return problem(Problem.invalid(List.of(new Problem.FieldError(pathOf(e), e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return problem(Problem.invalid(List.of(new Problem.FieldError("body",
                "is not valid JSON at line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr()))));
    }

    @ServerExceptionMapper
    public Response notAccepted(EventNotAcceptedException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, publishConfig.retryAfter().toSeconds())
                .entity(Problem.of(503, "Service Unavailable",
                        "The event store (Kafka) cannot take the command now; nothing was recorded. Retry later."))
                .build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // The JSON reader wraps parse errors of a request body in a 400 WebApplicationException.
        if (e.getCause() instanceof JsonParseException parse) {
            return notJson(parse);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unmappable(mapping);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "unexpected error while handling a command");
        return problem(Problem.of(500, "Internal Server Error", "An unexpected error occurred."));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code signUp.request.email} names the field {@code email}; a violation on the body itself names {@code body}. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        Path path = violation.getPropertyPath();
        String field = StreamSupport.stream(path.spliterator(), false)
                .filter(node -> node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT)
                .map(node -> node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName())
                .filter(name -> name != null && !name.isEmpty())
                .collect(Collectors.joining("."));
        return field.isEmpty() ? "body" : field;
    }

    private static String pathOf(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return field.isEmpty() ? "body" : field;
    }
}
