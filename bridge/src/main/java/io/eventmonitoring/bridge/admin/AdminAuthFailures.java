package io.eventmonitoring.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The management API's 401 and 403 as problem+json, like its other errors: authentication and the role checks by
 * path ({@code quarkus.http.auth.permission.admin-*}) fail before any resource runs.
 */
@ApplicationScoped
public class AdminAuthFailures {

    static final String CHALLENGE = "Basic realm=\"bridge\"";

    private final ObjectMapper mapper;

    AdminAuthFailures(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route("/admin/*").order(Integer.MIN_VALUE).handler(this::challenge).failureHandler(this::handle);
    }

    /** Basic stays silent next to the console's form login (no browser pop-up): the API names its scheme itself. */
    private void challenge(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401 && !context.response().headers().contains("WWW-Authenticate")) {
                context.response().putHeader("WWW-Authenticate", CHALLENGE);
            }
        });
        context.next();
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        Problem problem;
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            problem = Problem.of(401, "Unauthorized", "The management API needs HTTP Basic credentials of a user.");
            context.response().putHeader("WWW-Authenticate", CHALLENGE);
        } else if (failure instanceof ForbiddenException) {
            problem = Problem.of(403, "Forbidden", "Only the operator role may change anything; viewers read.");
        } else {
            context.next();
            return;
        }
        if (context.response().ended()) {
            return;
        }
        try {
            context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem.at(context.normalizedPath())));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
