package io.eventmonitoring.bridge.security;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {

    private static final String HASH = "$2a$04$klDR2EzjmszxsE7W9HlHreXHsJMgWVYco3R/Os32bbY.coIEM3fha";

    @Test
    void readsUsersWithTheirRolesSkippingCommentsAndBlankLines() {
        var users = UsersFile.parse("users", List.of("# who may look", "", "ann:" + HASH + ":viewer",
                "bob:" + HASH.replace("$2a$", "$2y$") + ":viewer, operator"));
        assertThat(users).containsOnlyKeys("ann", "bob");
        assertThat(users.get("bob").roles()).isEqualTo(Set.of("viewer", "operator"));
        assertThat(users.get("ann").toString()).doesNotContain(HASH);
    }

    @Test
    void aBadLineStopsStartupNamingTheSettingAndLineButNeverTheHash() {
        for (List<String> lines : List.of(List.of("ann:" + HASH), List.of("ann:plain-password:viewer"),
                List.of("ann:" + HASH + ":admin"), List.of("ann:" + HASH + ":viewer", "ann:" + HASH + ":operator"),
                List.of("a n:" + HASH + ":viewer"))) {
            assertThatThrownBy(() -> UsersFile.parse("users", lines))
                    .isInstanceOf(UsersFile.InvalidUsersFileException.class)
                    .hasMessageStartingWith("bridge.security.users-file: users line ")
                    .message().doesNotContain(HASH).doesNotContain("plain-password");
        }
    }

    @Test
    void anUnreadableFileStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> UsersFile.read(Path.of("target/no-such-users-file")))
                .isInstanceOf(UsersFile.InvalidUsersFileException.class)
                .hasMessageContaining("bridge.security.users-file: cannot read target/no-such-users-file");
    }
}
