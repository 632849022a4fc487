package io.eventmonitoring.local;

import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The local bridge's secrets, only ever in its environment, and what may be printed about them:
 * <ul>
 *   <li>each channel's webhook: the real one from the environment when set, else the local sink's;</li>
 *   <li>the users {@code viewer} and {@code operator} of its console, with random passwords made once, stored only as
 *   bcrypt hashes (mode 600) and printed once, when made; delete the users file for new ones;</li>
 *   <li>the key of the console's session cookie, made once;</li>
 *   <li>the Slack app's signing secret: {@code SLACK_SIGNING_SECRET} when set, else one made once and kept where
 *   {@code deploy/local/slack-action} signs a click with it.</li>
 * </ul>
 */
record BridgeEnv(Map<String, String> env, List<String> lines) {

    static final List<String> CHANNELS = List.of("user", "order");
    static final String USERS_FILE = "bridge-users";

    /** {@code out} gets the passwords when they are made; {@link #lines} is what the banner shows. */
    static BridgeEnv resolve(Map<String, String> environment, DataDir dataDir, UnaryOperator<String> sinkUrl,
                             PrintStream out) {
        Map<String, String> env = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (String channel : CHANNELS) {
            String variable = "SLACK_WEBHOOK_" + channel.toUpperCase();
            String real = environment.get(variable);
            boolean slack = real != null && !real.isBlank();
            env.put(variable, slack ? real : sinkUrl.apply(channel));
            lines.add("webhook      #" + channel + " -> " + (slack ? "Slack (" + variable + " from your environment)"
                    : "local sink " + sinkUrl.apply(channel)));
        }
        Path users = dataDir.secrets().resolve(USERS_FILE);
        if (!Files.isRegularFile(users)) {
            StringBuilder file = new StringBuilder("# name:bcrypt-hash:roles (docs/console.md); delete for new passwords\n");
            for (String name : List.of("viewer", "operator")) {
                String password = DataDir.random(18);
                file.append(name).append(':').append(bcrypt(password)).append(':').append(name).append('\n');
                out.println("[platform] bridge console user " + name + ", password " + password + " (shown once: note it)");
            }
            dataDir.writeSecret(USERS_FILE, file.toString());
        }
        lines.add("console      /console of the bridge; users viewer and operator in " + users
                + " (passwords printed when made; delete the file for new ones)");
        env.put("BRIDGE_USERS_FILE", users.toString());
        env.put("BRIDGE_SESSION_KEY", dataDir.keptSecret("bridge-session-key"));
        String signing = environment.get("SLACK_SIGNING_SECRET");
        env.put("SLACK_SIGNING_SECRET", signing != null && !signing.isBlank() ? signing
                : dataDir.keptSecret("slack-signing-secret"));
        return new BridgeEnv(Map.copyOf(env), List.copyOf(lines));
    }

    static String bcrypt(String password) {
        try {
            byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
            new SecureRandom().nextBytes(salt);
            return ModularCrypt.encodeAsString(PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    new WildFlyElytronPasswordProvider()).generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(10, salt))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is part of WildFly Elytron's password provider", e);
        }
    }
}
