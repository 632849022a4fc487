package io.eventmonitoring.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Answers a body over {@code quarkus.http.limits.max-body-size} with a 413 problem, before JAX-RS sees it: Vert.x
 * would otherwise answer it with an empty body. A body announced by Content-Length is refused before it is read.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;
    private final Problem problem;
    private final ObjectMapper mapper;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max,
              ObjectMapper mapper) {
        this.maxBytes = max.asLongValue();
        this.problem = Problem.of(413, "Content Too Large", "The request body is larger than " + maxBytes + " bytes.",
                List.of(new Problem.FieldError(FieldNames.BODY, "must be at most " + maxBytes + " bytes")));
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            ctx.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                    .end(json(problem.at(ctx.request().path())));
            return;
        }
        ctx.next();
    }

    private String json(Problem answer) {
        try {
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always writable", e);
        }
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
