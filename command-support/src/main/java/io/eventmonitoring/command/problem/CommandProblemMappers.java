package io.eventmonitoring.command.problem;

import io.eventmonitoring.command.idempotency.IdempotencyKey;
import io.eventmonitoring.command.idempotency.IdempotencyKeyInFlightException;
import io.eventmonitoring.command.idempotency.IdempotencyKeyReusedException;
import io.eventmonitoring.command.idempotency.InvalidIdempotencyKeyException;
import io.eventmonitoring.command.publish.EventNotAcceptedException;
import io.eventmonitoring.command.publish.EventOutcomeUnknownException;
import io.eventmonitoring.command.publish.PublishConfig;
import io.eventmonitoring.command.validation.EntityId;
import io.eventmonitoring.command.validation.UnknownEntity;
import io.eventmonitoring.problem.FieldNames;
import io.eventmonitoring.problem.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems of a command beside the common ones of {@link io.eventmonitoring.problem.ProblemMappers}: its
 * validation (400, or 404 for an id it cannot have issued), its Idempotency-Key (400, 409, 422) and Kafka's answer
 * (503, 504).
 */
public class CommandProblemMappers {

    private final PublishConfig publishConfig;

    CommandProblemMappers(PublishConfig publishConfig) {
        this.publishConfig = publishConfig;
    }

    /** Bean Validation: 404 when an id in the path cannot name an entity, 400 naming every bad field otherwise. */
    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<Problem.FieldError> unknown = fieldErrors(e, true);
        if (!unknown.isEmpty()) {
            return Problem.of(404, "Not Found", "No such entity: the path names an id this service never issued.",
                    unknown).toResponse();
        }
        return Problem.invalid(fieldErrors(e, false)).toResponse();
    }

    @ServerExceptionMapper
    public Response notAccepted(EventNotAcceptedException e) {
        return Problem.of(503, "Service Unavailable",
                        "The event store (Kafka) cannot take the command now; nothing was recorded, and nothing will be. "
                                + "Retry later.")
                .toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, publishConfig.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response outcomeUnknown(EventOutcomeUnknownException e) {
        return Problem.of(504, "Gateway Timeout", "Kafka has not confirmed the command in time: it may or may not "
                + "be recorded. Retry with the same Idempotency-Key: the retry is answered with the recorded event, or "
                + "records the command once.").toResponse();
    }

    @ServerExceptionMapper
    public Response invalidKey(InvalidIdempotencyKeyException e) {
        return Problem.invalid(IdempotencyKey.HEADER, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response keyInFlight(IdempotencyKeyInFlightException e) {
        return Problem.of(409, "Conflict", "A request with this Idempotency-Key is still being processed; "
                + "retry it later.").toResponse();
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e) {
        return Problem.of(422, "Unprocessable Content", "This Idempotency-Key was used for a request with "
                + "another method, path, query or body; use a new key for a new request.").toResponse();
    }

    private static List<Problem.FieldError> fieldErrors(ConstraintViolationException e, boolean unknownEntities) {
        return e.getConstraintViolations().stream()
                .filter(v -> isUnknownEntity(v) == unknownEntities)
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    private static boolean isUnknownEntity(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation().annotationType() == EntityId.class
                || violation.getConstraintDescriptor().getPayload().contains(UnknownEntity.class);
    }

    /**
     * Names the field of a Bean Validation path such as {@code signUp.body.email} the way the client wrote it: the
     * method is dropped, and so is the parameter when the violation lies inside it, since the client only sees the
     * JSON of the body; a path parameter keeps its name ({@code orderId}).
     */
    static String fieldOf(Path path) {
        List<String> segments = new ArrayList<>();
        boolean startsWithParameter = false;
        for (Path.Node node : path) {
            if (node.isInIterable() && !segments.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    int last = segments.size() - 1;
                    segments.set(last, segments.get(last) + "[" + position + "]");
                }
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                startsWithParameter = segments.isEmpty();
                segments.add(node.getName());
            } else if (node.getKind() == ElementKind.PROPERTY) {
                segments.add(node.getName());
            }
        }
        if (startsWithParameter && segments.size() > 1) {
            segments.remove(0);
        }
        return segments.isEmpty() ? FieldNames.BODY : String.join(".", segments);
    }
}
