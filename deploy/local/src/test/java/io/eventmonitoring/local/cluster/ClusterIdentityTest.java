package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.ProcessException;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterIdentityTest {

    @TempDir
    Path temp;

    @Test
    void clusterIdIsMadeOnceAndKept() {
        Path dataDir = temp;

        ClusterIdentity first = ClusterIdentity.loadOrCreate(dataDir, Layout.SPLIT);
        ClusterIdentity again = ClusterIdentity.loadOrCreate(dataDir, Layout.SPLIT);

        assertThat(again).isEqualTo(first);
        assertThat(Uuid.fromString(first.clusterId())).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(ClusterIdentity.load(dataDir)).contains(first);
    }

    @Test
    void aFolderOfOneLayoutRefusesTheOther() {
        Path dataDir = temp;
        ClusterIdentity.loadOrCreate(dataDir, Layout.SPLIT);

        assertThatThrownBy(() -> ClusterIdentity.loadOrCreate(dataDir, Layout.COMBINED))
                .isInstanceOf(ProcessException.class)
                .hasMessageContaining("split layout")
                .hasMessageContaining("--layout split");
    }

    @Test
    void kafkaDataWithoutItsIdentityIsNotReformattedSilently() throws Exception {
        Path dataDir = temp;
        Files.createDirectories(dataDir.resolve("kafka/broker-4"));

        assertThatThrownBy(() -> ClusterIdentity.loadOrCreate(dataDir, Layout.SPLIT))
                .isInstanceOf(ProcessException.class)
                .hasMessageContaining("cluster.properties is missing");
    }
}
