package io.eventmonitoring.local;

import io.eventmonitoring.events.Topics;
import io.eventmonitoring.local.cluster.ClusterIdentity;
import io.eventmonitoring.local.cluster.Layout;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.Role;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default layout for real: six forked Kafka JVMs from this module's jars, on free ports and a temp folder.
 * Restarting on the same data is covered by {@link CombinedLayoutTest}, where a start costs three JVMs, not six.
 */
class SplitClusterTest {

    @TempDir
    Path temp;

    @Test
    void startsWithTopicsOfTheContractAndStopsBrokersBeforeControllers() throws Exception {
        PlatformConfig config = new PlatformConfig(temp, new DataDir(temp.resolve("data")), Layout.SPLIT,
                Ports.free(), false);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Platform platform = new Platform(config, Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8));
        String bootstrap = platform.plan().bootstrapServers();
        ClusterIdentity identity;
        try {
            Duration startTime = platform.start();
            identity = platform.identity();
            System.out.printf("split layout: formatted and started 6 Kafka JVMs in %.1f s, %d MB resident%n",
                    startTime.toMillis() / 1000.0, ClusterProbe.residentMegabytes(platform.processes()));

            assertThat(Files.exists(config.dataDir().stateFile())).isTrue();
            try (ClusterProbe probe = new ClusterProbe(bootstrap)) {
                assertThat(probe.brokerIds()).containsExactly(4, 5, 6);
                assertThat(probe.clusterId()).isEqualTo(identity.clusterId());
                QuorumInfo quorum = probe.quorum();
                assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                        .containsExactlyInAnyOrder(1, 2, 3);
                assertThat(quorum.leaderId()).isBetween(1, 3);
                probe.assertContractTopics();

                RecordMetadata written = probe.produce(Topics.BUSINESS_EVENTS, "user:42", "{\"type\":\"user.signed-up\"}");
                ConsumerRecord<String, String> read = probe.consume(
                        new TopicPartition(Topics.BUSINESS_EVENTS, written.partition()), "user:42");
                assertThat(read.value()).isEqualTo("{\"type\":\"user.signed-up\"}");
                assertThat(read.offset()).isEqualTo(written.offset());
            }
        } finally {
            assertThat(platform.stop()).as("every process stopped on SIGTERM").isTrue();
        }

        assertStoppedInOrder(platform.processes());
        assertThat(Files.exists(config.dataDir().stateFile())).isFalse();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("formatting cluster " + identity.clusterId());
    }

    private static void assertStoppedInOrder(List<ManagedProcess> processes) {
        assertThat(processes).hasSize(6).noneMatch(ManagedProcess::isAlive);
        assertThat(processes).allSatisfy(p -> assertThat(ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive))
                .as(p.name()).isEmpty());
        Instant lastBroker = exits(processes, Role.BROKER).stream().max(Comparator.naturalOrder()).orElseThrow();
        Instant firstController = exits(processes, Role.CONTROLLER).stream().min(Comparator.naturalOrder()).orElseThrow();
        assertThat(lastBroker).as("every broker ended before any controller").isBeforeOrEqualTo(firstController);
    }

    private static List<Instant> exits(List<ManagedProcess> processes, Role role) {
        return processes.stream().filter(p -> p.role() == role).map(p -> p.exited().join()).toList();
    }
}
