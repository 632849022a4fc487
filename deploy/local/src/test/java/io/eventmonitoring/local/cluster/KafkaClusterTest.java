package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.ProcessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClusterTest {

    private static final String VOTERS = "1@127.0.0.1:29192,2@127.0.0.1:29193,3@127.0.0.1:29194";

    @TempDir
    Path temp;

    @Test
    void threeControllersAndThreeBrokersWithDistinctIdsAndPorts() {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192);

        assertThat(cluster.nodes()).extracting(KafkaCluster.Node::name).containsExactly(
                "controller-1", "controller-2", "controller-3", "broker-4", "broker-5", "broker-6");
        assertThat(cluster.nodes()).extracting(KafkaCluster.Node::port)
                .containsExactly(29192, 29193, 29194, 29092, 29093, 29094);
        assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
    }

    @Test
    void aControllerListensOnlyForTheQuorum() throws IOException {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192);
        Properties props = properties(cluster.serverProperties(cluster.nodes().get(1)));

        assertThat(props).containsEntry("process.roles", "controller").containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", VOTERS)
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:29193")
                .doesNotContainKeys("advertised.listeners", "inter.broker.listener.name");
        assertThat(Path.of(props.getProperty("log.dirs"))).isAbsolute().endsWithRaw(Path.of("kafka", "controller-2"));
    }

    @Test
    void aBrokerAdvertisesItsLoopbackListenerAndReplicatesThreeWays() throws IOException {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192);

        assertThat(properties(cluster.serverProperties(cluster.nodes().get(3)))).containsEntry("process.roles", "broker")
                .containsEntry("node.id", "4").containsEntry("controller.quorum.voters", VOTERS)
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:29092")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:29092")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void theClusterIdIsMadeOnceAndKept() {
        String id = new KafkaCluster(temp, 29092, 29192).clusterId();

        assertThat(id).hasSize(22);
        assertThat(new KafkaCluster(temp, 39092, 39192).clusterId()).isEqualTo(id);
    }

    @Test
    void aFolderWithDataButNoIdIsRefused() throws Exception {
        Files.createDirectories(temp.resolve("kafka"));

        assertThatThrownBy(() -> new KafkaCluster(temp, 29092, 29192).clusterId())
                .isInstanceOf(ProcessException.class).hasMessageContaining("cluster.properties is missing");
    }

    private static Properties properties(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        return props;
    }
}
