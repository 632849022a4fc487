package io.eventmonitoring.command.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.eventmonitoring.command.idempotency.IdempotencyKey;
import io.eventmonitoring.command.idempotency.IdempotencyKeyInFlightException;
import io.eventmonitoring.command.idempotency.IdempotencyKeyReusedException;
import io.eventmonitoring.command.idempotency.InvalidIdempotencyKeyException;
import io.eventmonitoring.command.publish.EventNotAcceptedException;
import io.eventmonitoring.command.publish.EventOutcomeUnknownException;
import io.eventmonitoring.command.publish.PublishConfig;
import io.eventmonitoring.command.validation.EntityId;
import io.eventmonitoring.command.validation.UnknownEntity;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json naming what was wrong; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final PublishConfig publishConfig;

    ProblemMappers(PublishConfig publishConfig) {
        this.publishConfig = publishConfig;
    }

    /** Bean Validation: 404 when an id in the path cannot name an entity, 400 naming every bad field otherwise. */
    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<Problem.FieldError> unknown = fieldErrors(e, true);
        if (!unknown.isEmpty()) {
            return problem(Problem.notFound(unknown));
        }
        return problem(Problem.invalid(fieldErrors(e, false)));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return invalid(FieldNames.of(e), "is not a known field; known fields: " + e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unrecognized) {
            return unknownField(unrecognized);
        }
        if (e instanceof InvalidNullException) {
            return invalid(FieldNames.of(e), "must not be null");
        }
        return invalid(FieldNames.of(e), expected(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        return invalid(FieldNames.of(e), "cannot be read: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response notJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return unmappable(mapping);
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return invalid(FieldNames.BODY, "is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response notAccepted(EventNotAcceptedException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, publishConfig.retryAfterSeconds())
                .entity(Problem.of(503, "Service Unavailable",
                        "The event store (Kafka) cannot take the command now; nothing was recorded, and nothing will be. "
                                + "Retry later."))
                .build();
    }

    @ServerExceptionMapper
    public Response outcomeUnknown(EventOutcomeUnknownException e) {
        return problem(Problem.of(504, "Gateway Timeout", "Kafka has not confirmed the command in time: it may or may not "
                + "be recorded. Retry with the same Idempotency-Key: the retry is answered with the recorded event, or "
                + "records the command once."));
    }

    @ServerExceptionMapper
    public Response invalidKey(InvalidIdempotencyKeyException e) {
        return invalid(IdempotencyKey.HEADER, e.getMessage());
    }

    @ServerExceptionMapper
    public Response keyInFlight(IdempotencyKeyInFlightException e) {
        return problem(Problem.of(409, "Conflict", "A request with this Idempotency-Key is still being processed; "
                + "retry it later."));
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e) {
        return problem(Problem.of(422, "Unprocessable Content", "This Idempotency-Key was used for a request with "
                + "another method, path, query or body; use a new key for a new request."));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // The JSON reader wraps errors in the request body in a 400 WebApplicationException.
        if (e.getCause() instanceof JsonProcessingException json) {
            return notJson(json);
        }
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder answer = Response.status(status.getStatusCode())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail(status.getStatusCode(), e)));
        // 405 must say which methods the resource has.
        if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
            answer.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "unexpected error while handling a command");
        return problem(Problem.of(500, "Internal Server Error", "An unexpected error occurred."));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response invalid(String field, String message) {
        return problem(Problem.invalid(List.of(new Problem.FieldError(field, message))));
    }

    private static List<Problem.FieldError> fieldErrors(ConstraintViolationException e, boolean unknownEntities) {
        return e.getConstraintViolations().stream()
                .filter(v -> isUnknownEntity(v) == unknownEntities)
                .map(v -> new Problem.FieldError(FieldNames.of(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    private static boolean isUnknownEntity(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation().annotationType() == EntityId.class
                || violation.getConstraintDescriptor().getPayload().contains(UnknownEntity.class);
    }

    /** What the field should have been, in the client's terms (JSON types), not Java's. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == String.class || type == java.util.UUID.class) {
            return "must be a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "must be an integer";
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class
                || type == float.class || type == Float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String detail(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "There is no resource at this path.";
            case 405 -> "The resource does not support this method.";
            case 406 -> "The service answers application/json and application/problem+json only.";
            case 415 -> "The request body must be application/json.";
            default -> e.getMessage();
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
