package io.eventmonitoring.local;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Credentials of the bridge's management API: BRIDGE_ADMIN_USERNAME / BRIDGE_ADMIN_PASSWORD from the environment
 * when set; otherwise user {@code admin} with a random password made once and kept in the data folder (mode 600).
 */
public record BridgeAdmin(String username, String password, String description) {

    public static final String USERNAME_ENV = "BRIDGE_ADMIN_USERNAME";
    public static final String PASSWORD_ENV = "BRIDGE_ADMIN_PASSWORD";
    private static final String LOCAL_USER = "admin";

    public static BridgeAdmin resolve(Map<String, String> env, DataDir dataDir) {
        String user = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        if (user != null && !user.isBlank() && password != null && !password.isBlank()) {
            return new BridgeAdmin(user, password, "user and password from " + USERNAME_ENV + "/" + PASSWORD_ENV);
        }
        Path file = dataDir.secrets().resolve("bridge-admin-password");
        return new BridgeAdmin(LOCAL_USER, localPassword(file),
                "user " + LOCAL_USER + ", password in " + file);
    }

    public Map<String, String> env() {
        return Map.of(USERNAME_ENV, username, PASSWORD_ENV, password);
    }

    private static String localPassword(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createFile(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the bridge admin password in " + file, e);
        }
    }
}
