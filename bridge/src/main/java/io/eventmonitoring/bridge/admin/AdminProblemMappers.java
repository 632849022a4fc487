package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.dlq.DeadLetterReader;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.replay.DeadLetterReplays;
import io.eventmonitoring.events.MalformedEventException;
import io.eventmonitoring.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Management API errors as problem+json, with the offending field named; the common ones are the problem module's. */
public class AdminProblemMappers {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        String prefix = e.field() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return Problem.of(400, "Bad Request", e.getMessage(), List.of(new Problem.FieldError(e.field(), message)))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Problem.of(400, "Bad Request", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response alreadyReplayed(DeadLetterReplays.AlreadyReplayedException e) {
        return Problem.of(409, "Conflict", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(DeadLetterReader.UnreadableException e) {
        return Problem.of(503, "Service Unavailable", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response stillMalformed(MalformedEventException e) {
        return Problem.of(409, "Conflict", "the dead letter is still not a valid event: " + e.getMessage()).toResponse();
    }
}
