package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.support.AdminBodies;
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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A poison silence, end to end on a real cluster: a silence that would make every event fail routing, for good once
 * persisted, is refused by the API, and such records already on bridge-silences are skipped at startup while routing
 * goes on.
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
        admin().contentType(ContentType.JSON)
                .body("{\"matchers\":{\"attributes\":{\"email\":\"\"}},\"duration\":\"PT5M\",\"createdBy\":\"ops\",\"comment\":\"x\"}")
                .when().post("/admin/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("matchers.attributes.email"));

        assertPosted(EventType.ORDER_CREATED, "order");
        given().when().get("/q/health/live").then().statusCode(200);
    }

    /**
     * jqwik cannot run inside a started Quarkus app, but its generators can: arbitrary bodies through the whole HTTP
     * stack (content negotiation, JSON, mappers) are a silence or a problem naming a field, never another answer.
     */
    @Test
    void arbitraryBodiesAreASilenceOrAProblemNamingAField() {
        List<String> bodies = Stream.concat(AdminBodies.silences().sampleStream().limit(300),
                Arbitraries.strings().ofMaxLength(200).sampleStream().limit(100)).toList();
        for (String body : bodies) {
            ExtractableResponse<Response> response = admin().contentType(ContentType.JSON).body(body)
                    .when().post("/admin/silences").then().extract();
            if (response.statusCode() == 201) {
                admin().when().delete("/admin/silences/" + response.path("id")).then().statusCode(200);
            } else {
                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(response.contentType()).as(body).startsWith("application/problem+json");
                assertThat(response.<String>path("field")).as(body).isNotBlank();
            }
        }
    }

    @Test
    void arbitraryListingQueriesAreAPageOrAProblemNamingAField() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("0", "1", "1000", "1001", "-1", "*", "", "true"));
        List<String> names = List.of("limit", "cursor", "reason", "channel", "type", "cause", "replayed");
        for (int i = 0; i < 100; i++) {
            RequestSpecification request = admin();
            String name = names.get(i % names.size());
            String value = text.sample();
            ExtractableResponse<Response> response = request.queryParam(name, value)
                    .when().get("/admin/dead-letters").then().extract();
            if (response.statusCode() != 200) {
                assertThat(response.statusCode()).as(name + "=" + value).isEqualTo(400);
                assertThat(response.<String>path("field")).as(name + "=" + value).isEqualTo(name);
            }
        }
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", PASSWORD);
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
