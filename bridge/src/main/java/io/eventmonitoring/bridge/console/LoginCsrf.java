package io.eventmonitoring.bridge.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * The login form's CSRF check. Quarkus' form authentication reads {@code j_security_check} itself, before any resource,
 * so the token travels in the form's action (a query parameter, readable without consuming the body) and is checked
 * against the browser's nonce cookie before authentication runs: another site cannot log a browser in as its own user.
 */
@ApplicationScoped
public class LoginCsrf {

    /** The login form has no user yet: its token is bound to the browser's nonce alone. */
    static final String ANONYMOUS = "";
    /** Filters of higher priority run first; authentication runs as a route of its own, after them. */
    private static final int BEFORE_AUTHENTICATION = 1_000_000;

    private final ConsoleCsrf csrf;
    private final String postLocation;

    LoginCsrf(ConsoleCsrf csrf, @ConfigProperty(name = "quarkus.http.auth.form.post-location") String postLocation) {
        this.csrf = csrf;
        this.postLocation = postLocation;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, BEFORE_AUTHENTICATION);
    }

    private void check(RoutingContext context) {
        // Matched as Quarkus' form authentication matches it: any path that ends with the post location.
        if (!HttpMethod.POST.equals(context.request().method()) || !context.normalizedPath().endsWith(postLocation)) {
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
