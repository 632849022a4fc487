package io.eventmonitoring.local;

import java.util.Map;

/**
 * The Slack app's signing secret the bridge checks button clicks with: SLACK_SIGNING_SECRET from the environment
 * (a real app's) when set; otherwise a random one made once and kept in the data folder, with which
 * {@code deploy/local/slack-action} signs a click as Slack would.
 */
public record SlackSigningSecret(String secret, String description) {

    public static final String ENV = "SLACK_SIGNING_SECRET";
    static final String FILE = "slack-signing-secret";

    public static SlackSigningSecret resolve(Map<String, String> env, DataDir dataDir) {
        String secret = env.get(ENV);
        if (secret != null && !secret.isBlank()) {
            return new SlackSigningSecret(secret, "from " + ENV);
        }
        return new SlackSigningSecret(dataDir.keptSecret(FILE), "in " + dataDir.secrets().resolve(FILE));
    }

    public Map<String, String> env() {
        return Map.of(ENV, secret);
    }
}
