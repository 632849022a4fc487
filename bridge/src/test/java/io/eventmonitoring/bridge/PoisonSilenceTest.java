package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.PoisonSilencesResource;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 16's poison silence, end to end on a real cluster: one admin request used to make every event fail routing,
 * for good, since the silence persisted. Now the request is refused, and such records already on bridge-silences are
 * skipped at startup while routing goes on.
 */
@QuarkusTest
@TestProfile(PoisonSilenceTest.Profile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(SlackWireMockResource.class)
@WithTestResource(PoisonSilencesResource.class)
class PoisonSilenceTest {

    private static final String PASSWORD = "poison-admin-password";
    private static final Pattern SKIPPED = Pattern.compile("eventmonitoring_bridge_silences_skipped_total(?:\\{[^}]*})? ([0-9.E]+)");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.admin.password", PASSWORD);
        }
    }

    @InjectSlack
    WireMockServer slack;

    @Test
    void theBridgeStartsPastInvalidSilencesCountsThemAndRoutesEvents() {
        given().when().get("/q/health/ready").then().statusCode(200);
        assertPosted(EventType.USER_SIGNED_UP, "user");
        assertThat(skipped()).isGreaterThanOrEqualTo(PoisonSilencesResource.RECORDS);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void thePoisonSilenceIsRefusedNamingItsFieldAndEventsAreStillRouted() {
        given().auth().preemptive().basic("admin", PASSWORD).contentType(ContentType.JSON)
                .body("{\"matchers\":{\"attributes\":{\"email\":\"\"}},\"duration\":\"PT5M\",\"createdBy\":\"ops\",\"comment\":\"x\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("matchers.attributes.email"));

        assertPosted(EventType.ORDER_CREATED, "order");
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private void assertPosted(EventType type, String channel) {
        String marker = UUID.randomUUID().toString();
        Events.send(Events.event(type, marker));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> slack.verify(1,
                postRequestedFor(urlPathEqualTo(SlackWireMockResource.path(channel))).withRequestBody(containing(marker))));
    }

    private static double skipped() {
        Matcher matcher = SKIPPED.matcher(given().when().get("/q/metrics").then().extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
