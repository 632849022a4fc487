package io.eventmonitoring.local;

import java.util.Map;

/**
 * Credentials of the bridge's management API: BRIDGE_ADMIN_USERNAME / BRIDGE_ADMIN_PASSWORD from the environment
 * when set; otherwise user {@code admin} with a random password made once and kept in the data folder (mode 600).
 */
public record BridgeAdmin(String username, String password, String description) {

    public static final String USERNAME_ENV = "BRIDGE_ADMIN_USERNAME";
    public static final String PASSWORD_ENV = "BRIDGE_ADMIN_PASSWORD";
    private static final String LOCAL_USER = "admin";
    private static final String PASSWORD_FILE = "bridge-admin-password";

    public static BridgeAdmin resolve(Map<String, String> env, DataDir dataDir) {
        String user = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        if (user != null && !user.isBlank() && password != null && !password.isBlank()) {
            return new BridgeAdmin(user, password, "user and password from " + USERNAME_ENV + "/" + PASSWORD_ENV);
        }
        return new BridgeAdmin(LOCAL_USER, dataDir.keptSecret(PASSWORD_FILE),
                "user " + LOCAL_USER + ", password in " + dataDir.secrets().resolve(PASSWORD_FILE));
    }

    public Map<String, String> env() {
        return Map.of(USERNAME_ENV, username, PASSWORD_ENV, password);
    }
}
