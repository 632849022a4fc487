package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Listing, filtering and replaying dead letters written on the real cluster's three business-events-dlq partitions. */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class DeadLetterApiTest {

    @InjectSlack
    WireMockServer slack;

    @Test
    void aListingIsNewestFirstAcrossPartitionsPagedByCursorAndFiltered() {
        String reason = "slack 404 channel_not_found " + UUID.randomUUID();
        Instant base = Instant.ofEpochMilli(Instant.now().minusSeconds(600).toEpochMilli());
        // Per partition in time order, as the bridge writes them; across partitions interleaved.
        List<String> markers = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            for (int i = 0; i < 2; i++) {
                int second = i * 3 + partition;
                String marker = "t" + second + "-" + UUID.randomUUID();
                markers.add(marker);
                deadLetter(partition, base.plusSeconds(second), reason, i == 0 ? "order.created" : "order.returned", marker);
            }
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            JsonPath json = list(cursor, "limit", "2", "reason", reason);
            assertThat(json.getList("deadLetters")).hasSize(2);
            json.getList("deadLetters.value", String.class).forEach(v -> listed.add(marker(v)));
            assertThat(json.getInt("scanned")).isLessThanOrEqualTo(json.getInt("scanLimit"));
            cursor = json.getString("nextCursor");
            if (page < 2) {
                assertThat(cursor).isNotNull();
            }
        }
        assertThat(listed).containsExactlyElementsOf(markers.stream()
                .sorted((a, b) -> Integer.compare(second(b), second(a))).toList());
        // Older dead letters of other tests may follow: none of them is one of these.
        while (cursor != null) {
            JsonPath rest = list(cursor, "limit", "2", "reason", reason);
            assertThat(rest.getList("deadLetters")).isEmpty();
            cursor = rest.getString("nextCursor");
        }

        JsonPath returned = list(null, "limit", "10", "reason", "slack 404 *", "type", "order.returned", "channel", "rejected");
        assertThat(returned.getList("deadLetters.type", String.class)).isNotEmpty().containsOnly("order.returned");
        assertThat(returned.getList("deadLetters.reason", String.class)).allMatch(r -> r.startsWith("slack 404 "));
        JsonPath first = list(null, "limit", "1", "reason", reason);
        assertThat(first.getList("deadLetters.timestamp", String.class)).containsExactly(base.plusSeconds(5).toString());
    }

    @Test
    void aBulkReplayAnswersWithTheCountReplaysEachOnceAndMarksThem() {
        String reason = "slack 404 channel_not_found " + UUID.randomUUID();
        List<String> markers = List.of("bulk-a-" + UUID.randomUUID(), "bulk-b-" + UUID.randomUUID(), "bulk-c-" + UUID.randomUUID());
        for (int i = 0; i < markers.size(); i++) {
            deadLetter(i, Instant.now(), reason, "order.created", markers.get(i));
        }

        admin().contentType(ContentType.JSON).body("{\"reason\":\"" + reason + "\",\"channel\":\"rejected\"}")
                .when().post("/admin/dead-letters/replay")
                .then().statusCode(200)
                .body("state", equalTo("DONE")).body("matched", equalTo(3)).body("replayed", equalTo(3));
        // Replayed together, they may share a digest: its blocks show each of the three in full.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> markers.forEach(marker -> slack.verify(
                postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("rejected"))).withRequestBody(containing(marker)))));

        admin().contentType(ContentType.JSON).body("{\"reason\":\"" + reason + "\"}")
                .when().post("/admin/dead-letters/replay")
                .then().statusCode(200).body("matched", equalTo(0)).body("replayed", equalTo(0));
        JsonPath listed = list(null, "limit", "10", "reason", reason);
        assertThat(listed.getList("deadLetters.replayedAt")).hasSize(3).doesNotContainNull();
        int partition = listed.getInt("deadLetters[0].partition");
        long offset = listed.getLong("deadLetters[0].offset");
        admin().when().post("/admin/dead-letters/" + partition + "/" + offset + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(list(null, "limit", "10", "reason", reason, "replayed", "false").getList("deadLetters")).isEmpty();
    }

    @Test
    void aDeadLetterAnotherReplicaMarkedIsNotReplayedHere() {
        String reason = "slack 404 channel_not_found " + UUID.randomUUID();
        deadLetter(1, Instant.now(), reason, "order.created", "elsewhere-" + UUID.randomUUID());
        JsonPath listed = list(null, "limit", "1", "reason", reason);
        int partition = listed.getInt("deadLetters[0].partition");
        long offset = listed.getLong("deadLetters[0].offset");
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        send(new ProducerRecord<>(Topics.BRIDGE_DEAD_LETTER_REPLAYS, partition + ":" + offset, at + " another-replica"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                list(null, "limit", "1", "reason", reason).getString("deadLetters[0].replayedAt")).isEqualTo(at.toString()));
        admin().when().post("/admin/dead-letters/" + partition + "/" + offset + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body("{\"reason\":\"" + reason + "\"}")
                .when().post("/admin/dead-letters/replay")
                .then().statusCode(200).body("matched", equalTo(0));
    }

    @Test
    void theMarkOfADeadLetterKafkaDeletedIsTakenBack() throws Exception {
        String reason = "slack 404 channel_not_found " + UUID.randomUUID();
        deadLetter(0, Instant.now(), reason, "order.created", "expiring-" + UUID.randomUUID());
        JsonPath listed = list(null, "limit", "1", "reason", reason);
        long offset = listed.getLong("deadLetters[0].offset");
        admin().when().post("/admin/dead-letters/0/" + offset + "/replay").then().statusCode(200);
        String key = "0:" + offset;
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaCluster.shared().readAll(Topics.BRIDGE_DEAD_LETTER_REPLAYS)
                .stream().anyMatch(r -> key.equals(r.key()) && r.value() != null));

        // As retention would: the dead letter, and those before it, are gone.
        try (Admin kafka = KafkaCluster.shared().admin()) {
            kafka.deleteRecords(Map.of(new TopicPartition(Topics.BUSINESS_EVENTS_DLQ, 0),
                    RecordsToDelete.beforeOffset(offset + 1))).all().get();
        }
        list(null, "limit", "1");

        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaCluster.shared().readAll(Topics.BRIDGE_DEAD_LETTER_REPLAYS)
                .stream().filter(r -> key.equals(r.key())).reduce((first, second) -> second)
                .map(last -> last.value() == null).orElse(false));
    }

    @Test
    void aLargeBulkReplayRunsInTheBackgroundWithItsProgress() {
        String reason = "slack 410 channel_is_archived " + UUID.randomUUID();
        int count = 150;
        for (int i = 0; i < count; i++) {
            deadLetter(i % 3, Instant.now(), reason, "order.created", "large-" + i + "-" + UUID.randomUUID(), "burst");
        }

        String location = admin().contentType(ContentType.JSON).body("{\"reason\":\"" + reason + "\"}")
                .when().post("/admin/dead-letters/replay")
                .then().statusCode(202).header("Location", startsWith("/admin/dead-letters/replays/"))
                .body("matched", equalTo(count)).body("id", notNullValue())
                .extract().header("Location");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin().when().get(location)
                .then().statusCode(200).body("state", equalTo("DONE")).body("replayed", equalTo(count))
                .body("failed", equalTo(0)));
        assertThat(list(null, "limit", "1000", "reason", reason, "replayed", "false").getList("deadLetters")).isEmpty();
    }

    @Test
    void invalidQueriesAndFiltersAreNamed() {
        assertField(admin().queryParam("limit", "0").when().get("/admin/dead-letters").then().statusCode(400), "limit");
        assertField(admin().queryParam("limit", "ten").when().get("/admin/dead-letters").then().statusCode(400), "limit");
        assertField(admin().queryParam("cursor", "!!").when().get("/admin/dead-letters").then().statusCode(400), "cursor");
        assertField(admin().queryParam("type", " ").when().get("/admin/dead-letters").then().statusCode(400), "type");
        assertField(admin().when().post("/admin/dead-letters/x/1/replay").then().statusCode(400), "partition");
        assertField(admin().when().post("/admin/dead-letters/0/-1/replay").then().statusCode(400), "offset");
        assertField(admin().when().get("/admin/dead-letters/replays/not-an-id").then().statusCode(400), "id");
        admin().when().get("/admin/dead-letters/replays/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        assertField(admin().contentType(ContentType.JSON).body("{}").when().post("/admin/dead-letters/replay")
                .then().statusCode(400), "body");
        assertField(admin().contentType(ContentType.JSON).body("{\"chanel\":\"order\"}").when().post("/admin/dead-letters/replay")
                .then().statusCode(400), "chanel");
    }

    private static void assertField(io.restassured.response.ValidatableResponse response, String field) {
        response.contentType("application/problem+json").body("field", equalTo(field));
    }

    private static JsonPath list(String cursor, String... params) {
        RequestSpecification request = admin();
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get("/admin/dead-letters").then().statusCode(200).extract().jsonPath();
    }

    private static String marker(String value) {
        return CloudEventCodec.decode(value).data().path("marker").asText();
    }

    private static int second(String marker) {
        return Integer.parseInt(marker.substring(1, marker.indexOf('-')));
    }

    private static void deadLetter(int partition, Instant at, String reason, String type, String marker) {
        deadLetter(partition, at, reason, type, marker, "rejected");
    }

    /** A delivery failure of a scenario's channel, as the bridge writes it. */
    private static void deadLetter(int partition, Instant at, String reason, String type, String marker, String channel) {
        CloudEvent scenario = Events.scenario(channel, marker);
        CloudEvent event = new CloudEvent(scenario.specversion(), scenario.id(), scenario.source(), type,
                scenario.subject(), scenario.time(), scenario.datacontenttype(), scenario.severity(), scenario.data());
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterPublisher.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterPublisher.CAUSE, DeadLetterPublisher.CAUSE_DELIVERY.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterPublisher.CHANNEL, channel.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterPublisher.ROUTE, channel.getBytes(StandardCharsets.UTF_8));
        send(new ProducerRecord<>(Topics.BUSINESS_EVENTS_DLQ, partition, at.toEpochMilli(), event.key(),
                CloudEventCodec.encode(event), headers));
    }

    private static void send(ProducerRecord<String, String> record) {
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer;

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private static RequestSpecification admin() {
        return TestUsers.operator();
    }
}
