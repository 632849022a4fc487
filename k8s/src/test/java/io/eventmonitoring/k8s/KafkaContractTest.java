package io.eventmonitoring.k8s;

import io.eventmonitoring.events.TopicContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka resources against the contract (design.md "Topics", CONTEXT "Kafka access per service") and against what
 * the services and the Logstash pipeline actually use, read from their own files.
 */
class KafkaContractTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;

    /** Per KafkaUser: "resourceType:name:Operation" for every allowed operation; a prefix pattern's name ends in '*'. */
    private static final Map<String, Set<String>> CONTRACT_ACLS = Map.of(
            "domain-user", Set.of(
                    "topic:business-events:Write", "topic:business-events:Describe",
                    "topic:command-idempotency:Read", "topic:command-idempotency:Write",
                    "topic:command-idempotency:Describe",
                    "transactionalId:domain-user-*:Write", "transactionalId:domain-user-*:Describe",
                    "topic:service-logs:Write", "topic:service-logs:Describe"),
            "domain-order", Set.of(
                    "topic:business-events:Write", "topic:business-events:Describe",
                    "topic:command-idempotency:Read", "topic:command-idempotency:Write",
                    "topic:command-idempotency:Describe",
                    "transactionalId:domain-order-*:Write", "transactionalId:domain-order-*:Describe",
                    "topic:service-logs:Write", "topic:service-logs:Describe"),
            "bridge", Set.of(
                    "topic:business-events:Read", "topic:business-events:Describe", "group:bridge-router:Read",
                    "topic:bridge-outbox:Read", "topic:bridge-outbox:Write", "topic:bridge-outbox:Describe",
                    "group:bridge-delivery:Read",
                    "topic:business-events-dlq:Read", "topic:business-events-dlq:Write",
                    "topic:business-events-dlq:Describe",
                    "topic:bridge-silences:Read", "topic:bridge-silences:Write", "topic:bridge-silences:Describe",
                    "topic:bridge-dead-letter-replays:Read", "topic:bridge-dead-letter-replays:Write",
                    "topic:bridge-dead-letter-replays:Describe",
                    "topic:bridge-status:Read", "topic:bridge-status:Write", "topic:bridge-status:Describe",
                    "topic:bridge-slack-threads:Read", "topic:bridge-slack-threads:Write",
                    "topic:bridge-slack-threads:Describe",
                    "topic:service-logs:Write", "topic:service-logs:Describe"),
            "logstash", Set.of(
                    "topic:business-events:Read", "topic:business-events:Describe",
                    "topic:service-logs:Read", "topic:service-logs:Describe", "group:logstash:Read"));

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContractTopicExistsWithItsPartitionsReplicationAndCleanup(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        for (TopicContract.Topic expected : TopicContract.TOPICS) {
            JsonNode spec = topic(manifests, expected.name()).get("spec");
            assertThat(spec.path("partitions").asInt()).as(expected.name() + " partitions").isEqualTo(expected.partitions());
            assertThat(spec.path("replicas").asInt()).as(expected.name() + " replicas")
                    .isEqualTo(TopicContract.REPLICATION_FACTOR);
            Map<String, String> config = new TreeMap<>();
            spec.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
            config.putIfAbsent("cleanup.policy", "delete");
            Map<String, String> contract = new TreeMap<>(expected.allConfig());
            contract.putIfAbsent("cleanup.policy", "delete");
            assertThat(config).as(expected.name() + " config").containsAllEntriesOf(contract);
        }
        assertThat(manifests.ofKind("KafkaTopic")).extracting(KafkaContractTest::topicName)
                .containsExactlyInAnyOrderElementsOf(TopicContract.TOPICS.stream().map(TopicContract.Topic::name).toList());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theTopicConstantsOfTheCodeAreTheContractTopics(String overlay) {
        Set<String> topics = Overlays.rendered(overlay).ofKind("KafkaTopic").stream()
                .map(KafkaContractTest::topicName).collect(Collectors.toSet());

        assertThat(ServiceModule.topicConstants().values()).containsExactlyInAnyOrderElementsOf(topics);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicAServiceUsesExistsAsKafkaTopic(String overlay) {
        Set<String> topics = Overlays.rendered(overlay).ofKind("KafkaTopic").stream()
                .map(KafkaContractTest::topicName).collect(Collectors.toSet());
        List<ServiceModule> services = ServiceModule.all();

        for (ServiceModule service : services) {
            Set<String> used = new TreeSet<>(service.topicsUsedInCode());
            service.kafkaChannels().forEach(channel -> used.add(channel.topic()));
            if (service.shipsLogs()) {
                used.add(service.logTopic());
            }
            assertThat(used).as("topics of " + service.module()).isNotEmpty();
            assertThat(topics).as("KafkaTopics for what " + service.module() + " uses").containsAll(used);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyKafkaUserHasExactlyTheContractsAccess(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        assertThat(manifests.ofKind("KafkaUser")).extracting(Manifests::nameOf)
                .containsExactlyInAnyOrderElementsOf(CONTRACT_ACLS.keySet());
        for (Map.Entry<String, Set<String>> expected : CONTRACT_ACLS.entrySet()) {
            ObjectNode user = manifests.get("KafkaUser", expected.getKey());
            assertThat(user.at("/spec/authentication/type").asString()).isEqualTo("scram-sha-512");
            assertThat(acls(user)).as("ACLs of " + expected.getKey()).containsExactlyInAnyOrderElementsOf(expected.getValue());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceUsersAclsCoverItsKafkaChannelsAndLogShipping(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        for (ServiceModule service : ServiceModule.all()) {
            Set<String> needed = new TreeSet<>();
            for (ServiceModule.Channel channel : service.kafkaChannels()) {
                if (channel.incoming()) {
                    needed.add("topic:" + channel.topic() + ":Read");
                    needed.add("group:" + channel.groupId().orElseThrow() + ":Read");
                } else {
                    needed.add("topic:" + channel.topic() + ":Write");
                }
            }
            if (service.shipsLogs()) {
                needed.add("topic:" + service.logTopic() + ":Write");
            }
            Set<String> granted = acls(manifests.get("KafkaUser", service.applicationName()));
            assertThat(granted).as("ACLs of " + service.applicationName() + " for its channels").containsAll(needed);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void logstashsAclsCoverItsPipelinesKafkaInput(String overlay) {
        String pipeline = ServiceModule.read(Repo.ELASTIC.resolve("logstash/pipeline/eventmonitoring.conf"));
        Matcher topics = Pattern.compile("topics\\s*=>\\s*\\[([^]]*)]").matcher(pipeline);
        Matcher group = Pattern.compile("group_id\\s*=>\\s*\"([^\"]+)\"").matcher(pipeline);
        assertThat(topics.find()).as("topics of the kafka input").isTrue();
        assertThat(group.find()).as("group_id of the kafka input").isTrue();

        Set<String> needed = new TreeSet<>();
        Matcher names = Pattern.compile("\"([^\"]+)\"").matcher(topics.group(1));
        while (names.find()) {
            needed.add("topic:" + names.group(1) + ":Read");
        }
        needed.add("group:" + group.group(1) + ":Read");

        assertThat(needed).hasSizeGreaterThan(1);
        assertThat(acls(Overlays.rendered(overlay).get("KafkaUser", "logstash"))).containsAll(needed);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theClusterHasThreeBrokersAndControllersWithPersistentStorage(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        int brokers = 0;
        int controllers = 0;
        for (ObjectNode pool : manifests.ofKind("KafkaNodePool")) {
            JsonNode spec = pool.get("spec");
            List<String> roles = new ArrayList<>();
            spec.path("roles").forEach(r -> roles.add(r.asString()));
            int replicas = spec.path("replicas").asInt();
            brokers += roles.contains("broker") ? replicas : 0;
            controllers += roles.contains("controller") ? replicas : 0;
            spec.at("/storage/volumes").forEach(volume ->
                    assertThat(volume.path("type").asString()).as(Manifests.describe(pool)).isEqualTo("persistent-claim"));
        }
        ObjectNode kafka = manifests.get("Kafka", "eventmonitoring");

        assertThat(brokers).isEqualTo(3);
        assertThat(controllers).isEqualTo(3);
        assertThat(kafka.at("/spec/kafka/authorization/type").asString()).isEqualTo("simple");
        assertThat(kafka.at("/spec/kafka/listeners")).allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).isTrue();
            assertThat(listener.at("/authentication/type").asString()).isEqualTo("scram-sha-512");
        });
    }

    private static ObjectNode topic(Manifests manifests, String name) {
        return manifests.ofKind("KafkaTopic").stream().filter(t -> name.equals(topicName(t))).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + name));
    }

    private static String topicName(JsonNode topic) {
        return topic.at("/spec/topicName").asString(Manifests.nameOf(topic));
    }

    private static Set<String> acls(JsonNode user) {
        assertThat(user.at("/spec/authorization/type").asString()).isEqualTo("simple");
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode resource = acl.get("resource");
            assertThat(acl.path("type").asString("allow")).as("ACL type").isEqualTo("allow");
            String pattern = resource.path("patternType").asString("literal");
            assertThat(pattern).as("ACL pattern").isIn("literal", "prefix");
            String name = resource.path("name").asString() + ("prefix".equals(pattern) ? "*" : "");
            for (JsonNode operation : acl.get("operations")) {
                acls.add(resource.get("type").asString() + ":" + name + ":" + operation.asString());
            }
        }
        return acls;
    }
}
