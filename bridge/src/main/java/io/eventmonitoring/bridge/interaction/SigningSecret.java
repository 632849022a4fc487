package io.eventmonitoring.bridge.interaction;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Slack app's signing secret, a secret: from {@code bridge.slack.signing-secret} (env
 * {@code SLACK_SIGNING_SECRET}) or the file in {@code bridge.slack.signing-secret-file}, read at each click so that a
 * rotated Kubernetes Secret applies without a restart. It is never logged. Without one, every click is refused.
 */
@ApplicationScoped
public class SigningSecret {

    private static final Logger LOG = Logger.getLogger(SigningSecret.class);

    @ConfigMapping(prefix = "bridge.slack")
    public interface Config {

        Optional<String> signingSecret();

        Optional<Path> signingSecretFile();
    }

    private final Config config;

    SigningSecret(Config config) {
        this.config = config;
    }

    void warnWhenMissing(@Observes StartupEvent ignored) {
        if (get().isEmpty()) {
            LOG.info("no Slack signing secret (bridge.slack.signing-secret or signing-secret-file): "
                    + "POST /slack/actions answers 401, message buttons do nothing");
        }
    }

    Optional<byte[]> get() {
        Optional<String> secret = config.signingSecret().filter(s -> !s.isBlank());
        if (secret.isEmpty() && config.signingSecretFile().isPresent()) {
            Path file = config.signingSecretFile().get();
            try {
                secret = Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty());
            } catch (IOException e) {
                LOG.errorf("cannot read the Slack signing secret from %s (%s)", file, e.getClass().getSimpleName());
            }
        }
        return secret.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
