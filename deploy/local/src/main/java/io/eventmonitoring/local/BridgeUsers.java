package io.eventmonitoring.local;

import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users of the local bridge's console and management API: {@code viewer} and {@code operator}, with random
 * passwords made once, stored only as bcrypt hashes in the data folder's users file (mode 600) and printed once, when
 * made; and the key of the console's session cookie, made once too. Delete the users file to get new passwords.
 *
 * @param created the new users' passwords by name, when this start made them; empty when the file was there
 */
public record BridgeUsers(Path usersFile, String sessionKey, Optional<Map<String, String>> created) {

    public static final String USERS_FILE_ENV = "BRIDGE_USERS_FILE";
    public static final String SESSION_KEY_ENV = "BRIDGE_SESSION_KEY";
    static final String VIEWER = "viewer";
    static final String OPERATOR = "operator";
    private static final String USERS_FILE = "bridge-users";
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static BridgeUsers resolve(DataDir dataDir) {
        Path users = dataDir.secrets().resolve(USERS_FILE);
        Optional<Map<String, String>> created = Optional.empty();
        if (!Files.isRegularFile(users)) {
            Map<String, String> passwords = new LinkedHashMap<>();
            passwords.put(VIEWER, random(18));
            passwords.put(OPERATOR, random(18));
            StringBuilder lines = new StringBuilder("# name:bcrypt-hash:roles (docs/console.md); delete for new passwords\n");
            passwords.forEach((name, password) -> lines.append(name).append(':').append(bcrypt(password)).append(':')
                    .append(name).append('\n'));
            dataDir.writeSecret(USERS_FILE, lines.toString());
            created = Optional.of(passwords);
        }
        return new BridgeUsers(users, dataDir.keptSecret("bridge-session-key"), created);
    }

    public Map<String, String> env() {
        return Map.of(USERS_FILE_ENV, usersFile.toString(), SESSION_KEY_ENV, sessionKey);
    }

    /** What the status shows: where the users are, never a password. */
    public String description() {
        return "users viewer and operator in " + usersFile + " (passwords printed when made; delete the file for new ones)";
    }

    static String bcrypt(String password) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    new WildFlyElytronPasswordProvider());
            byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
            RANDOM.nextBytes(salt);
            BCryptPassword hashed = (BCryptPassword) factory.generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(BCRYPT_COST, salt)));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is part of WildFly Elytron's password provider", e);
        }
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
