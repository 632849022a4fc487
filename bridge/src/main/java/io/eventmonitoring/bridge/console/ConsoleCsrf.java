package io.eventmonitoring.bridge.console;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * CSRF tokens of the console's forms: a random nonce in an HttpOnly, SameSite=Strict cookie, and in each form the HMAC
 * of the user and that nonce under the session key. A forged form lacks the token; a token taken from another user or
 * browser does not match. The key is the session cookie's ({@code quarkus.http.auth.session.encryption-key}), so
 * every replica checks what any other issued.
 */
@ApplicationScoped
public class ConsoleCsrf {

    private static final Logger LOG = Logger.getLogger(ConsoleCsrf.class);

    static final String COOKIE = "bridge-console-csrf";
    static final String FIELD = "csrf";

    private final SecureRandom random = new SecureRandom();
    private final byte[] key;
    private final boolean ownKey;

    ConsoleCsrf(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        byte[] own = new byte[32];
        random.nextBytes(own);
        this.key = sessionKey.map(k -> ("csrf\n" + k).getBytes(StandardCharsets.UTF_8)).orElse(own);
        this.ownKey = sessionKey.isEmpty();
    }

    void warnWithoutSessionKey(@Observes StartupEvent ignored) {
        if (ownKey) {
            LOG.warn("quarkus.http.auth.session.encryption-key (env BRIDGE_SESSION_KEY) is not set: this replica made up"
                    + " its own, so a console session ends at a restart and is not valid on another replica");
        }
    }

    /** The nonce of this browser, and the cookie to set when it had none yet. */
    public record Nonce(String value, Optional<NewCookie> cookie) {
    }

    Nonce nonce(String cookieValue) {
        if (cookieValue != null && !cookieValue.isBlank()) {
            return new Nonce(cookieValue, Optional.empty());
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Nonce(value, Optional.of(new NewCookie.Builder(COOKIE).value(value).path("/console").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build()));
    }

    String token(String user, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((user + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Refuses a form whose token is not this user's and this browser's. */
    void check(String user, String nonceCookie, String token) {
        if (!valid(user, nonceCookie, token)) {
            throw new ForbiddenException("the form's CSRF token is missing or not this session's: reload the page");
        }
    }

    boolean valid(String user, String nonceCookie, String token) {
        return nonceCookie != null && token != null && MessageDigest.isEqual(
                token(user, nonceCookie).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }
}
