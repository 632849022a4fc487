package io.eventmonitoring.process.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClusterTest {

    private static final String VOTERS = "1@127.0.0.1:29192,2@127.0.0.1:29193,3@127.0.0.1:29194";

    @TempDir
    Path temp;

    @Test
    void threeControllersAndThreeBrokersWithDistinctIdsAndPorts() {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192, temp.resolve("lib"));

        assertThat(cluster.nodes()).extracting(KafkaCluster.Node::name).containsExactly(
                "controller-1", "controller-2", "controller-3", "broker-4", "broker-5", "broker-6");
        assertThat(cluster.nodes()).extracting(KafkaCluster.Node::port)
                .containsExactly(29192, 29193, 29194, 29092, 29093, 29094);
        assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
    }

    @Test
    void aControllerListensOnlyForTheQuorum() throws IOException {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192, temp.resolve("lib"));
        Properties props = properties(cluster.serverProperties(cluster.nodes().get(1)));

        assertThat(props).containsEntry("process.roles", "controller").containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", VOTERS)
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:29193")
                .doesNotContainKeys("advertised.listeners", "inter.broker.listener.name");
        assertThat(Path.of(props.getProperty("log.dirs"))).isAbsolute().endsWithRaw(Path.of("kafka", "controller-2"));
    }

    @Test
    void aBrokerAdvertisesItsLoopbackListenerAndReplicatesThreeWays() throws IOException {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192, temp.resolve("lib"));

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
    void theClusterIdIsTheOneTheStorageWasFormattedWith() throws IOException {
        KafkaCluster cluster = new KafkaCluster(temp, 29092, 29192, temp.resolve("lib"));
        assertThat(cluster.clusterId()).isEmpty();

        Files.createDirectories(temp.resolve("kafka/broker-5"));
        Files.writeString(temp.resolve("kafka/broker-5/meta.properties"), "node.id=5\ncluster.id=Qm9vdHN0cmFwcGVkSWQ\n");

        assertThat(cluster.clusterId()).contains("Qm9vdHN0cmFwcGVkSWQ");
    }

    private static Properties properties(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        return props;
    }
}
