package io.eventmonitoring.bridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the users file: one {@code name:bcrypt-hash:role,role} a line, blank lines and {@code #} comments ignored.
 * Errors name the setting and the line, never the line's content: it holds a hash.
 */
final class UsersFile {

    static final String KEY = "bridge.security.users-file";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** A bcrypt hash in modular crypt form: $2a$, $2b$ or $2y$, cost, then 53 characters of salt and digest. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private UsersFile() {
    }

    static Map<String, User> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidUsersFileException(KEY + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), lines);
    }

    static Map<String, User> parse(String source, List<String> lines) {
        Map<String, User> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = KEY + ": " + source + " line " + (i + 1) + ": ";
            String[] parts = line.split(":", -1);
            if (parts.length != 3) {
                throw new InvalidUsersFileException(at + "expected name:bcrypt-hash:role[,role], found "
                        + parts.length + " colon-separated parts");
            }
            if (!NAME.matcher(parts[0]).matches()) {
                throw new InvalidUsersFileException(at + "a user name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
            }
            if (!BCRYPT.matcher(parts[1]).matches()) {
                throw new InvalidUsersFileException(at + "the password of " + parts[0]
                        + " is not a bcrypt hash ($2a$, $2b$ or $2y$, e.g. from htpasswd -nbBC 12)");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : Arrays.stream(parts[2].split(",")).map(String::strip).toList()) {
                if (!Roles.ALL.contains(role)) {
                    throw new InvalidUsersFileException(at + "unknown role '" + role + "' of " + parts[0]
                            + " (known: " + Roles.ALL.stream().sorted().toList() + ")");
                }
                roles.add(role);
            }
            if (users.putIfAbsent(parts[0], new User(parts[0], parts[1], roles)) != null) {
                throw new InvalidUsersFileException(at + "user " + parts[0] + " is listed twice");
            }
        }
        return users;
    }

    /** The users file cannot be used: the bridge does not start. */
    static final class InvalidUsersFileException extends RuntimeException {

        InvalidUsersFileException(String message) {
            super(message);
        }
    }
}
