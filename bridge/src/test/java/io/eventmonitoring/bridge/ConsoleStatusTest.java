package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.status.ChannelStatusTracker;
import io.eventmonitoring.bridge.status.ReplicaCounters;
import io.eventmonitoring.bridge.status.ReplicaStatus;
import io.eventmonitoring.bridge.status.StatusStore;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.CommittedRecords;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The data of the operations console: channel status and route counters through bridge-status, deliveries, consumer
 * lag, silence preview.
 */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class ConsoleStatusTest {

    private static final String CONSOLE = "channels.find { it.channel == 'console' }";

    @InjectSlack
    WireMockServer slack;

    @Inject
    StatusStore statuses;

    @Inject
    ChannelStatusTracker tracker;

    @Inject
    BridgeMetrics metrics;

    @Test
    void aChannelIsRateLimitedWhileSlackAnswers429ThenIdleWithItsDigestPosted() {
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.path("console")))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("rate_limited")));
        for (int i = 0; i < 5; i++) {
            Events.send(Events.scenario("console", "console-" + i));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/admin/status").then().statusCode(200)
                .body(CONSOLE + ".state", equalTo("rate-limited"))
                .body(CONSOLE + ".nextPostAt", notNullValue())
                .body(CONSOLE + ".lastPost.outcome", equalTo("rate-limited"))
                .body(CONSOLE + ".lastPost.answer", equalTo("429 retry after 3s")));
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.path("console")))
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/admin/status").then()
                .body(CONSOLE + ".state", equalTo("idle"))
                .body(CONSOLE + ".queued", equalTo(0))
                .body(CONSOLE + ".owner", notNullValue())
                .body(CONSOLE + ".lastPost.outcome", equalTo("posted"))
                .body(CONSOLE + ".lastPost.answer", equalTo("ok")));
        admin().queryParam("channel", "console").get("/admin/deliveries").then().statusCode(200)
                .body("channels", hasSize(1))
                .body("channels[0].deliveries[0].kind", equalTo("digest"))
                .body("channels[0].deliveries[0].events", equalTo(5))
                .body("channels[0].deliveries[0].latencyMillis", greaterThanOrEqualTo(0))
                .body("channels[0].deliveries[1].outcome", equalTo("rate-limited"));
        admin().get("/admin/status").then()
                .body("routes.find { it.name == 'console' }.counters.digested", greaterThanOrEqualTo(5));
    }

    @Test
    void theStatusAnotherReplicaPublishedIsShownWithItsOwnerAndAgeAndTheLagOfBothStages() {
        Instant publishedAt = Instant.now().minusSeconds(5);
        Events.sendRaw(Topics.BRIDGE_STATUS, "elsewhere", "{\"version\":1,\"channel\":\"elsewhere\",\"owner\":\"replica-b\","
                + "\"publishedAt\":\"" + publishedAt + "\",\"state\":\"backing-off\",\"queued\":7,\"nextPostAt\":null,"
                + "\"lastPost\":{\"at\":\"" + publishedAt + "\",\"kind\":\"message\",\"events\":1,\"outcome\":\"retrying\","
                + "\"answer\":\"slack answered 503\",\"latencyMillis\":12},\"deliveries\":[]}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/admin/status").then().statusCode(200)
                .body("channels.find { it.channel == 'elsewhere' }.owner", equalTo("replica-b"))
                .body("channels.find { it.channel == 'elsewhere' }.state", equalTo("backing-off"))
                .body("channels.find { it.channel == 'elsewhere' }.queued", equalTo(7))
                .body("channels.find { it.channel == 'elsewhere' }.ageMillis", greaterThanOrEqualTo(5000))
                .body("channels.find { it.channel == 'elsewhere' }.lastPost.answer", equalTo("slack answered 503")));
        admin().get("/admin/status").then()
                .body("loaded", equalTo(true))
                .body("lag.error", nullValue())
                .body("lag.stages.group", containsInAnyOrder("bridge-router", "bridge-delivery"))
                .body("lag.stages.find { it.group == 'bridge-delivery' }.partitions", hasSize(6))
                .body("lag.stages.lag", everyItem(greaterThanOrEqualTo(0)));
        admin().queryParam("channel", "nowhere").get("/admin/deliveries").then().statusCode(400)
                .body("field", equalTo("channel"));
    }

    @Test
    void thisReplicaPublishesItsRouteCountersAndTheOverviewSumsThoseOfEveryLiveReplica() {
        String key = ReplicaStatus.key(tracker.owner());
        Events.send(Events.event(EventType.USER_SIGNED_UP, "counted-" + UUID.randomUUID()));

        // What this replica published, read back from bridge-status, is what its metrics count.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ReplicaStatus published = statuses.replicas().get(key);
            assertThat(published).isNotNull();
            Map<String, Long> users = published.routes().stream().filter(r -> r.route().equals("users"))
                    .findFirst().orElseThrow().counters();
            assertThat(users.keySet()).containsExactlyElementsOf(ReplicaCounters.OUTCOMES);
            assertThat(users.get("routed")).isPositive().isEqualTo(metrics.total("users", "user", "routed"));
        });

        Instant now = Instant.now();
        Events.sendRaw(Topics.BRIDGE_STATUS, ReplicaStatus.key("replica-b"), replicaRecord("replica-b", now, 1000));
        Events.sendRaw(Topics.BRIDGE_STATUS, ReplicaStatus.key("replica-gone"),
                replicaRecord("replica-gone", now.minus(Duration.ofMinutes(10)), 5000));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath status = admin().get("/admin/status").then().statusCode(200).extract().jsonPath();
            assertThat(status.getList("countedBy.replica", String.class)).contains(tracker.owner(), "replica-b");
            assertThat(status.getList("notCounted.replica", String.class)).contains("replica-gone");
            long summed = status.getLong("routes.find { it.name == 'console' }.counters.routed");
            long byReplica = status.getList("countedBy.routes.console.routed", Long.class).stream()
                    .mapToLong(Long::longValue).sum();
            assertThat(summed).isEqualTo(byReplica).isGreaterThanOrEqualTo(1000);
            assertThat(status.getLong("countedBy.find { it.replica == 'replica-b' }.ageMillis")).isLessThan(60_000);
        });
        given().cookies(ConsoleTest.login(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD)).when()
                .get("/console/overview.json").then().statusCode(200)
                .body("routes.find { it.name == 'console' }.counters.routed", greaterThanOrEqualTo(1000))
                .body("routes.find { it.name == 'console' }.counters.posted", greaterThanOrEqualTo(7))
                .body("routesAsOf", containsString("replica-b ("))
                .body("routesAsOf", containsString("left out, stopped publishing: replica-gone (10 min ago)"));
    }

    @Test
    void aReplicaGoneForGoodIsTombstonedSoTheTopicDoesNotKeepEveryReplicaThatEverRan() {
        String key = ReplicaStatus.key("replica-departed");
        Events.sendRaw(Topics.BRIDGE_STATUS, key, replicaRecord("replica-departed", Instant.now().minus(Duration.ofHours(2)), 3));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                CommittedRecords.read(KafkaCluster.shared().bootstrapServers(), Topics.BRIDGE_STATUS).stream()
                        .filter(r -> key.equals(r.key())).map(r -> r.value() == null ? "tombstone" : "record"))
                .containsExactly("record", "tombstone"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !statuses.replicas().containsKey(key));
    }

    private static String replicaRecord(String replica, Instant publishedAt, long routed) {
        return "{\"version\":1,\"replica\":\"" + replica + "\",\"startedAt\":\"" + publishedAt.minusSeconds(60)
                + "\",\"publishedAt\":\"" + publishedAt + "\",\"routes\":[{\"route\":\"console\",\"channel\":\"console\","
                + "\"counters\":{\"routed\":" + routed + ",\"posted\":7}}]}";
    }

    @Test
    void aPreviewCountsTheEventsOfTheLastHourASilenceWouldHaveMatched() {
        String marker = "preview-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            Events.send(Events.event(EventType.USER_SIGNED_UP, marker));
        }
        Events.send(Events.event(EventType.USER_SIGNED_UP, "other-" + marker));
        String body = "{\"matchers\":{\"channel\":\"user\",\"attributes\":{\"marker\":\"" + marker + "\"}},"
                + "\"duration\":\"PT1H\",\"comment\":\"preview\"}";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().contentType(ContentType.JSON).body(body)
                .post("/admin/silences/preview").then().statusCode(200)
                .body("matched", equalTo(3))
                .body("examples", hasSize(3))
                .body("examples.routes.flatten()", everyItem(equalTo("users")))
                .body("examples.type", everyItem(equalTo("user.signed-up")))
                .body("window", equalTo("PT1H")));
        admin().contentType(ContentType.JSON).body("{\"matchers\":{\"channel\":\"nowhere\"},\"duration\":\"PT1H\"}")
                .post("/admin/silences/preview").then().statusCode(400).body("field", equalTo("matchers.channel"));
        admin().get("/admin/silences").then().body("comment", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("preview")));
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ScenarioProfile.ADMIN_PASSWORD).when();
    }
}
