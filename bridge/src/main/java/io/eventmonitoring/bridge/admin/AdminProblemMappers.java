package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.dlq.DeadLetterReader;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.replay.DeadLetterReplays;
import io.eventmonitoring.events.MalformedEventException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Management API errors as problem+json, with the offending fields named. */
public class AdminProblemMappers {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return problem(new AdminProblem("about:blank", "Bad Request", 400, e.getMessage(), e.field(), List.of(e.getMessage())));
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return problem(AdminProblem.of(400, "Bad Request", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response alreadyReplayed(DeadLetterReplays.AlreadyReplayedException e) {
        return problem(AdminProblem.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unreadable(DeadLetterReader.UnreadableException e) {
        return problem(AdminProblem.of(503, "Service Unavailable", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response stillMalformed(MalformedEventException e) {
        return problem(AdminProblem.of(409, "Conflict", "the dead letter is still not a valid event: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(AdminProblem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()));
    }

    private static Response problem(AdminProblem problem) {
        return Response.status(problem.status()).type(AdminProblem.MEDIA_TYPE).entity(problem).build();
    }
}
