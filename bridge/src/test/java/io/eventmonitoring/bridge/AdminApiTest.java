package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class AdminApiTest {

    @InjectSlack
    WireMockServer slack;

    @Test
    void theManagementApiNeedsCredentialsOfAUser() {
        given().when().get("/admin/routes")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"bridge\"");
        given().auth().preemptive().basic(TestUsers.OPERATOR, "wrong").when().get("/admin/silences")
                .then().statusCode(401);
        given().auth().preemptive().basic("someone", TestUsers.OPERATOR_PASSWORD).when().get("/admin/dead-letters")
                .then().statusCode(401);
        // A hash is not a password.
        given().auth().preemptive().basic(TestUsers.VIEWER, "$2a$04$" + TestUsers.VIEWER_HASH_BODY)
                .when().get("/admin/routes").then().statusCode(401);
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() {
        TestUsers.viewer().when().get("/admin/routes").then().statusCode(200);
        TestUsers.viewer().when().get("/admin/silences").then().statusCode(200);
        TestUsers.viewer().when().get("/admin/dead-letters").then().statusCode(200);
        TestUsers.viewer().contentType(ContentType.JSON)
                .body("{\"matchers\":{\"channel\":\"silenced\"},\"duration\":\"PT1M\"}")
                .when().post("/admin/silences")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        TestUsers.viewer().when().delete("/admin/silences/" + UUID.randomUUID()).then().statusCode(403);
        TestUsers.viewer().when().post("/admin/dead-letters/0/0/replay").then().statusCode(403);
        TestUsers.viewer().contentType(ContentType.JSON).body("{\"reason\":\"*\"}")
                .when().post("/admin/dead-letters/replay").then().statusCode(403);
    }

    @Test
    void routesAreListedWithCountersAndWithoutWebhookUrls() {
        String body = admin().when().get("/admin/routes")
                .then().statusCode(200)
                .body("routes.name", hasItem("burst"))
                .body("routes.find { it.name == 'default' }.isDefault", equalTo(true))
                .body("routes.find { it.name == 'users' }.domain", equalTo("user"))
                .body("channels.name", hasItem("limited"))
                .extract().asString();
        assertThat(body).doesNotContain("/services/").doesNotContain("secret");
    }

    @Test
    void aSilencedEventIsCountedNotPostedUntilTheSilenceExpires() {
        String id = admin().contentType(ContentType.JSON)
                .body("{\"matchers\":{\"channel\":\"silenced\",\"type\":\"order.*\"},\"duration\":\"PT1H\","
                        + "\"createdBy\":\"test\",\"comment\":\"maintenance\"}")
                .when().post("/admin/silences")
                .then().statusCode(201)
                .body("matchers.channel", equalTo("silenced"))
                .body("keySet()", containsInAnyOrder("id", "matchers", "expiresAt", "createdBy", "comment", "createdAt"))
                .body("matchers.keySet()", not(hasItem("empty")))
                .extract().path("id");
        admin().when().get("/admin/silences").then().statusCode(200).body("id", hasItem(id));

        String quiet = "quiet-" + UUID.randomUUID();
        Events.send(Events.scenario("silenced", quiet));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().when().get("/admin/routes")
                .then().body("routes.find { it.name == 'silenced' }.counters.silenced", greaterThanOrEqualTo(1)));
        assertThat(SlackJournal.attempts(slack, "silenced")).noneMatch(p -> p.text().contains(quiet));

        admin().when().delete("/admin/silences/" + id).then().statusCode(200);
        admin().when().get("/admin/silences").then().body("id", not(hasItem(id)));
        String loud = "loud-" + UUID.randomUUID();
        Events.send(Events.scenario("silenced", loud));
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.accepted(slack, "silenced").stream()
                .anyMatch(p -> p.text().contains(loud)));
        assertThat(SlackJournal.attempts(slack, "silenced")).noneMatch(p -> p.text().contains(quiet));
    }

    @Test
    void aSilenceMustMatchSomethingAndExpireInTheFuture() {
        admin().contentType(ContentType.JSON).body("{\"matchers\":{},\"duration\":\"PT1H\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("matchers"));
        admin().contentType(ContentType.JSON)
                .body("{\"matchers\":{\"domain\":\"order\"},\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).body("field", equalTo("expiresAt"));
        admin().contentType(ContentType.JSON).body("{\"duration\":\"PT1H\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).body("errors[0].field", equalTo("matchers"));
        admin().contentType(ContentType.JSON)
                .body("{\"matchers\":{\"severity\":\"loud\"},\"duration\":\"PT1H\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).body("field", equalTo("matchers.severity"));
        admin().contentType(ContentType.JSON).body("not json")
                .when().post("/admin/silences")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        admin().contentType(ContentType.JSON)
                .body("{\"matchers\":{\"channel\":\"silenced\",\"tpye\":\"order.*\"},\"duration\":\"PT1H\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).body("field", equalTo("matchers.tpye"));
        admin().queryParam("expired", "yes").when().get("/admin/silences")
                .then().statusCode(400).body("field", equalTo("expired"));
        admin().when().delete("/admin/silences/not-an-id")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("id"))
                .body("instance", equalTo("/admin/silences/not-an-id"));
    }

    @Test
    void unknownDeadLettersAre404() {
        admin().when().post("/admin/dead-letters/0/999999999/replay").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no dead letter"));
        admin().when().get("/admin/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("There is no resource at this path."));
    }

    @Test
    void metricsCountOutcomesPerRouteAndChannelWithoutWebhookUrls() {
        Events.send(Events.scenario("burst", "metrics-" + UUID.randomUUID()));
        // AssertJ rather than RestAssured's matchers: a retried check would print the whole page each time.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics())
                .contains("eventmonitoring_bridge_events_total{channel=\"burst\",outcome=\"routed\",route=\"burst\"}")
                .contains("eventmonitoring_bridge_slack_latency_seconds_count{channel=\"burst\"}"));
        // Any domain name gets its own series (up to a bound, see BridgeMetricsTest); what is no domain name does not.
        String oddDomain = "odd" + UUID.randomUUID().toString().replace("-", "");
        Events.send(new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/test", "not a domain " + oddDomain, null,
                null, null, Severity.INFO, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics())
                .contains("eventmonitoring_bridge_received_total{domain=\"other\"}"));
        String metrics = metrics();
        assertThat(metrics).doesNotContain(oddDomain);
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag")
                .doesNotContain("/services/").doesNotContain("secret");
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static RequestSpecification admin() {
        return TestUsers.operator();
    }
}
