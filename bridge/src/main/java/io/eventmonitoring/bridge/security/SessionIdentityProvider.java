package io.eventmonitoring.bridge.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The console's session: its encrypted cookie names a user, who gets the roles the users file gives them now. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final HashedUsersIdentityProvider users;

    SessionIdentityProvider(HashedUsersIdentityProvider users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return users.identity(request.getPrincipal()).map(i -> Uni.createFrom().item(i))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException()));
    }
}
