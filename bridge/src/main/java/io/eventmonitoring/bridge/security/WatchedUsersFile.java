package io.eventmonitoring.bridge.security;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * The users file, read again by {@link #refresh()} when it changed: a user added, removed or given other roles in the
 * mounted Secret takes effect without a restart. Kubernetes updates a mounted Secret by pointing a symlink at a new
 * directory, so the file the path resolves to counts, besides its inode, modification time and size. A file that
 * cannot be used now keeps the users read before, with one log line naming the problem (never a hash) until it changes.
 */
final class WatchedUsersFile {

    private static final Logger LOG = Logger.getLogger(WatchedUsersFile.class);

    /** What tells one content of the file from the next without reading it. */
    private record Version(Path resolved, Object fileKey, FileTime modified, long size) {
    }

    private final Path file;
    private volatile Map<String, User> users;
    /** The version last read, usable or not, so that a bad file is reported once; null when it could not be seen. */
    private Version seen;

    /** Reads the file; one that cannot be used stops startup. */
    WatchedUsersFile(Path file) {
        this.file = file;
        this.seen = version().orElse(null);
        this.users = UsersFile.read(file);
    }

    Map<String, User> users() {
        return users;
    }

    /** Reads the file again if it changed since it was last read; true when it did and the new users are in use. */
    synchronized boolean refresh() {
        // The version is taken before reading: a change during the read shows as another version at the next refresh.
        Optional<Version> current = version();
        if (current.isEmpty()) {
            if (seen != null) {
                LOG.errorf("%s: cannot read %s any more; keeping the users read before (%d)", UsersFile.KEY, file,
                        users.size());
                seen = null;
            }
            return false;
        }
        if (current.get().equals(seen)) {
            return false;
        }
        seen = current.get();
        try {
            users = UsersFile.read(file);
            LOG.infof("%d users from %s (%s), read again: the file changed", users.size(), file, UsersFile.KEY);
            return true;
        } catch (UsersFile.InvalidUsersFileException e) {
            LOG.errorf("%s; keeping the users read before (%d)", e.getMessage(), users.size());
            return false;
        }
    }

    /** The file as the path resolves now, or none while it cannot be seen. */
    private Optional<Version> version() {
        try {
            Path resolved = file.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(resolved, BasicFileAttributes.class);
            return Optional.of(new Version(resolved, attributes.fileKey(), attributes.lastModifiedTime(),
                    attributes.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
