package io.eventmonitoring.local.cluster;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.ProcessException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Creates the contract's topics if missing (existing topics are left as they are) and describes them. */
public final class TopicSetup {

    /** What the status view shows of a topic. */
    public record TopicStatus(String name, int partitions, int replicationFactor, int partitionsWithLeader,
                              String minInsyncReplicas, String cleanupPolicy) {
    }

    private final Admin admin;

    public TopicSetup(Admin admin) {
        this.admin = admin;
    }

    private static NewTopic newTopic(TopicContract.Topic topic) {
        return new NewTopic(topic.name(), topic.partitions(), TopicContract.REPLICATION_FACTOR).configs(topic.allConfig());
    }

    /** Creates the missing topics and waits until every partition of every topic has a leader; returns the created. */
    public List<String> ensure(List<TopicContract.Topic> specs, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicContract.Topic> missing = specs.stream().filter(spec -> !existing.contains(spec.name())).toList();
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(
                    missing.stream().map(TopicSetup::newTopic).toList()).values().entrySet()) {
                try {
                    result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    // Another launcher or a service may have created it since the listing: that is fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(specs.stream().map(TopicContract.Topic::name).toList(), timeout);
            return created;
        } catch (ExecutionException e) {
            throw new ProcessException("cannot create the topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ProcessException("the topics were not created within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while creating the topics");
        }
    }

    private void awaitLeaders(List<String> names, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicStatus> topics = describe(names, timeout);
            if (topics.stream().allMatch(t -> t.partitionsWithLeader() == t.partitions())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ProcessException("partitions without a leader after " + timeout.toSeconds() + " s: "
                        + topics.stream().filter(t -> t.partitionsWithLeader() < t.partitions())
                        .map(TopicStatus::name).collect(Collectors.joining(", ")));
            }
            KafkaCluster.pause();
        }
    }

    /** Describes the named topics that exist, in the order given. */
    public List<TopicStatus> describe(Collection<String> names, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> present = names.stream().filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return present.stream().map(name -> {
            TopicDescription description = descriptions.get(name);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            return new TopicStatus(
                    name,
                    description.partitions().size(),
                    description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0),
                    (int) description.partitions().stream().filter(p -> p.leader() != null && !p.leader().isEmpty())
                            .count(),
                    config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(),
                    config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }).toList();
    }
}
