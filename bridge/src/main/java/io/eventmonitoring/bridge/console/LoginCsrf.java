package io.eventmonitoring.bridge.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The login form's CSRF check. Quarkus' form authentication reads {@code j_security_check} itself, before any resource,
 * so the token travels in the form's action (a query parameter, readable without consuming the body) and is checked
 * against the browser's nonce cookie before authentication runs: another site cannot log a browser in as its own user.
 */
@ApplicationScoped
public class LoginCsrf {

    static final String ACTION = "/console/j_security_check";
    /** The login form has no user yet: its token is bound to the browser's nonce alone. */
    static final String ANONYMOUS = "";
    /** Filters of higher priority run first; authentication runs as a route of its own, after them. */
    private static final int BEFORE_AUTHENTICATION = 1_000_000;

    private final ConsoleCsrf csrf;

    LoginCsrf(ConsoleCsrf csrf) {
        this.csrf = csrf;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, BEFORE_AUTHENTICATION);
    }

    private void check(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST || !ACTION.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        Cookie nonce = context.request().getCookie(ConsoleCsrf.COOKIE);
        List<String> token = context.queryParam(ConsoleCsrf.FIELD);
        if (csrf.valid(ANONYMOUS, nonce == null ? null : nonce.getValue(), token.isEmpty() ? null : token.get(0))) {
            context.next();
        } else {
            // A stale login page (its nonce cookie gone, or issued under another key) is the honest user's case.
            context.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("The login form's CSRF token is missing or not this browser's: reload the login page.\n");
        }
    }
}
