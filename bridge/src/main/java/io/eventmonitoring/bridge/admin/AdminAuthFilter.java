package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.config.BridgeConfig;
import io.eventmonitoring.problem.Problem;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/** HTTP Basic authentication of the management API, against credentials from the environment or a Secret. */
@ApplicationScoped
public class AdminAuthFilter {

    private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class);

    private final String username;
    private final Optional<String> password;

    AdminAuthFilter(BridgeConfig config) {
        this.username = config.admin().username();
        this.password = config.admin().password().filter(p -> !p.isBlank());
    }

    void warnWhenLocked(@Observes StartupEvent ignored) {
        if (password.isEmpty()) {
            LOG.warn("the management API (/admin) answers 401 to everyone: set bridge.admin.password (env BRIDGE_ADMIN_PASSWORD)");
        }
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin")) {
            return Optional.empty();
        }
        if (password.isPresent() && matches(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(401, "Unauthorized", "The management API needs HTTP Basic credentials.")
                .toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"bridge\"")
                .build());
    }

    private boolean matches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (username + ":" + password.orElseThrow()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
