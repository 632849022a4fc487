package io.eventmonitoring.bridge.security;

import io.eventmonitoring.bridge.config.BridgeConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks a name and password (Basic on {@code /admin}, the login form of {@code /console}) against the users file
 * ({@code bridge.security.users-file}, bcrypt hashes) and, while it is set, the one {@code bridge.admin.*} user of
 * earlier versions, an operator. A file that cannot be used at startup stops the bridge; afterwards it is looked at
 * every {@code bridge.security.users-file-check-interval} and read again when it changed ({@link WatchedUsersFile}).
 */
@ApplicationScoped
@Startup
public class HashedUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(HashedUsersIdentityProvider.class);
    /** Compared against when the name is unknown, so that a wrong name costs as long as a wrong password. */
    private static final String UNKNOWN_USER_HASH = BcryptUtil.bcryptHash("no such user", 10);

    private final Optional<WatchedUsersFile> file;
    private final Optional<String> legacyName;
    private final Optional<String> legacyPassword;
    private final Duration checkInterval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bridge-users-file");
        thread.setDaemon(true);
        return thread;
    });

    HashedUsersIdentityProvider(BridgeConfig config) {
        this.file = config.security().usersFile().map(WatchedUsersFile::new);
        this.checkInterval = config.security().usersFileCheckInterval();
        Map<String, User> users = users();
        this.legacyPassword = config.admin().password().filter(p -> !p.isBlank());
        this.legacyName = legacyPassword.map(p -> config.admin().username());
        config.security().usersFile().ifPresent(path -> LOG.infof("%d users from %s (%s)", users.size(), path,
                UsersFile.KEY));
        legacyName.ifPresent(name -> LOG.warnf("bridge.admin.password is set: %s is an operator%s; move it to the users"
                + " file (%s) and unset bridge.admin.password", name,
                users.containsKey(name) ? ", but the users file also names it and wins" : "", UsersFile.KEY));
        if (users.isEmpty() && legacyName.isEmpty()) {
            LOG.warnf("no users: the console and the management API answer 401 to everyone; set %s", UsersFile.KEY);
        }
    }

    /** After the configuration was validated at startup, which names a bad check interval by its key. */
    void start(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) StartupEvent ignored) {
        file.ifPresent(watched -> executor.scheduleWithFixedDelay(watched::refresh, checkInterval.toMillis(),
                checkInterval.toMillis(), TimeUnit.MILLISECONDS));
    }

    void stop(@Observes ShutdownEvent ignored) {
        executor.shutdownNow();
    }

    private Map<String, User> users() {
        return file.map(WatchedUsersFile::users).orElse(Map.of());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> identity(name, password)
                .orElseThrow(AuthenticationFailedException::new));
    }

    private Optional<SecurityIdentity> identity(String name, String password) {
        User user = users().get(name);
        if (user != null) {
            return BcryptUtil.matches(password, normalized(user.bcryptHash())) ? Optional.of(identity(name, user.roles()))
                    : Optional.empty();
        }
        if (legacyName.filter(name::equals).isPresent()) {
            boolean same = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    legacyPassword.orElseThrow().getBytes(StandardCharsets.UTF_8));
            return same ? Optional.of(identity(name, Set.of(Roles.OPERATOR))) : Optional.empty();
        }
        BcryptUtil.matches(password, UNKNOWN_USER_HASH);
        return Optional.empty();
    }

    /**
     * The identity of a user the session cookie names: still a user, with the roles the file gives now, or none, so
     * that removing a user from the file ends their sessions once the changed file is read.
     */
    Optional<SecurityIdentity> identity(String name) {
        User user = users().get(name);
        if (user != null) {
            return Optional.of(identity(name, user.roles()));
        }
        return legacyName.filter(name::equals).map(n -> identity(n, Set.of(Roles.OPERATOR)));
    }

    private static SecurityIdentity identity(String name, Set<String> roles) {
        Set<String> granted = new LinkedHashSet<>(roles);
        if (granted.contains(Roles.OPERATOR)) {
            granted.add(Roles.VIEWER);
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(granted).build();
    }

    /** htpasswd writes $2y$, Python's bcrypt $2b$: the same algorithm as $2a$, named apart for other libraries' bugs. */
    private static String normalized(String hash) {
        return "$2a$" + hash.substring(4);
    }
}
