package io.eventmonitoring.bridge.security;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class WatchedUsersFileTest {

    private static final String HASH_BODY = "klDR2EzjmszxsE7W9HlHreXHsJMgWVYco3R/Os32bbY.coIEM3fha";
    private static final String HASH = "$2a$04$" + HASH_BODY;

    private final Queue<String> log = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLogs() {
        Logger.getLogger(WatchedUsersFile.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(WatchedUsersFile.class.getName()).removeHandler(capture);
    }

    @Test
    void aChangedFileIsReadAgainAndAnUnchangedOneIsNot() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "ann:" + HASH + ":viewer\n");
        WatchedUsersFile watched = new WatchedUsersFile(file);
        assertThat(watched.refresh()).isFalse();

        Files.writeString(file, "ann:" + HASH + ":viewer,operator\nbob:" + HASH + ":viewer\n");
        assertThat(watched.refresh()).isTrue();
        assertThat(watched.users()).containsOnlyKeys("ann", "bob");
        assertThat(watched.users().get("ann").roles()).isEqualTo(Set.of("viewer", "operator"));
        assertThat(watched.refresh()).isFalse();
    }

    @Test
    void aSecretUpdatedAsKubernetesDoesIsReadAgainThoughSizeAndTimeAreTheSame() throws IOException {
        // The kubelet's layout: users -> ..data/users, ..data -> ..<timestamp>; an update writes a new directory and
        // renames a new ..data link over the old one.
        FileTime written = FileTime.fromMillis(1_764_464_400_000L);
        Path before = secretVersion("..2026_11_30_01_00_00.1", "ann:" + HASH + ":viewer\n", written);
        Path after = secretVersion("..2026_11_30_01_05_00.2", "bob:" + HASH + ":viewer\n", written);
        Files.createSymbolicLink(dir.resolve("..data"), before.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("users"), Path.of("..data", "users"));
        WatchedUsersFile watched = new WatchedUsersFile(file);
        assertThat(watched.users()).containsOnlyKeys("ann");

        Files.createSymbolicLink(dir.resolve("..data_tmp"), after.getFileName());
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(watched.refresh()).isTrue();
        assertThat(watched.users()).containsOnlyKeys("bob");
    }

    @Test
    void anInvalidFileKeepsTheUsersReadBeforeAndIsReportedOnceWithoutItsHashes() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "ann:" + HASH + ":viewer\n");
        WatchedUsersFile watched = new WatchedUsersFile(file);

        Files.writeString(file, "ann:" + HASH + ":viewer\nbob:" + HASH + ":admin\n");
        assertThat(watched.refresh()).isFalse();
        assertThat(watched.refresh()).isFalse();
        assertThat(watched.users()).containsOnlyKeys("ann");
        assertThat(log).singleElement().asString()
                .contains("bridge.security.users-file").contains("line 2").contains("unknown role 'admin'")
                .contains("keeping the users read before (1)").doesNotContain(HASH_BODY);

        Files.writeString(file, "ann:" + HASH + ":viewer\nbob:" + HASH + ":operator\n");
        assertThat(watched.refresh()).isTrue();
        assertThat(watched.users()).containsOnlyKeys("ann", "bob");
    }

    @Test
    void aFileThatIsGoneForAWhileKeepsTheUsersReadBefore() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "ann:" + HASH + ":viewer\n");
        WatchedUsersFile watched = new WatchedUsersFile(file);

        Files.delete(file);
        assertThat(watched.refresh()).isFalse();
        assertThat(watched.refresh()).isFalse();
        assertThat(watched.users()).containsOnlyKeys("ann");
        assertThat(log).singleElement().asString().contains("cannot read " + file);

        Files.write(file, List.of("bob:" + HASH + ":viewer"));
        assertThat(watched.refresh()).isTrue();
        assertThat(watched.users()).containsOnlyKeys("bob");
    }

    private Path secretVersion(String name, String users, FileTime written) throws IOException {
        Path file = Files.writeString(Files.createDirectory(dir.resolve(name)).resolve("users"), users);
        Files.setLastModifiedTime(file, written);
        return file.getParent();
    }
}
