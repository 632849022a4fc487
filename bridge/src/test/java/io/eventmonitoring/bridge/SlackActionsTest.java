package io.eventmonitoring.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.interaction.SlackSignature;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** A click on a message's button, as Slack POSTs it: signed, it silences; anything else is 401 and changes nothing. */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class SlackActionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] SECRET = ScenarioProfile.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8);

    @InjectSlack
    WireMockServer slack;

    @Test
    void aSignedClickSilencesTheEntityAndItsNoteReachesTheChannel() {
        String subject = UUID.randomUUID().toString();
        String marker = "clicked-" + UUID.randomUUID();
        Events.send(event(subject, marker));
        JsonNode entity = button(marker, "silence-entity");

        byte[] body = form(entity, "ana");
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        // No management API credentials: the signature alone authenticates Slack.
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackSignature.sign(SECRET, timestamp, body))
                .body(new String(body, StandardCharsets.US_ASCII))
                .when().post("/slack/actions")
                .then().statusCode(200);

        JsonNode silence = silences().stream().filter(s -> subject.equals(s.path("matchers").path("subject").asText()))
                .findFirst().orElseThrow();
        assertThat(silence.path("createdBy").asText()).isEqualTo("@ana");
        assertThat(silence.path("matchers").path("channel").asText()).isEqualTo("clicked");
        assertThat(silence.path("matchers").path("domain").asText()).isEqualTo("order");
        assertThat(Duration.between(Instant.parse(silence.path("createdAt").asText()),
                Instant.parse(silence.path("expiresAt").asText()))).isEqualTo(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.accepted(slack, "clicked").stream()
                .anyMatch(p -> p.text().contains("Silenced by @ana until") && p.text().contains("entity `order:" + subject + "`")));

        String quiet = "quiet-" + UUID.randomUUID();
        Events.send(event(subject, quiet));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().when().get("/admin/routes")
                .then().body("routes.find { it.name == 'clicked' }.counters.silenced", greaterThanOrEqualTo(1)));
        assertThat(SlackJournal.attempts(slack, "clicked")).noneMatch(p -> p.text().contains(quiet));
    }

    @Test
    void anUnsignedStaleOrAlteredClickIs401AndSilencesNothing() {
        String marker = "refused-" + UUID.randomUUID();
        Events.send(event(UUID.randomUUID().toString(), marker));
        JsonNode type = button(marker, "silence-type");
        byte[] body = form(type, "mallory");
        String now = String.valueOf(Instant.now().getEpochSecond());
        String stale = String.valueOf(Instant.now().minusSeconds(301).getEpochSecond());

        click(body, now, "v0=" + "0".repeat(64)).then().statusCode(401);
        click(body, now, SlackSignature.sign("another-secret".getBytes(StandardCharsets.UTF_8), now, body)).then().statusCode(401);
        click(body, stale, SlackSignature.sign(SECRET, stale, body)).then().statusCode(401);
        click(form(type, "mallory2"), now, SlackSignature.sign(SECRET, now, body)).then().statusCode(401);
        click(body, null, SlackSignature.sign(SECRET, now, body)).then().statusCode(401);
        click(body, now, null).then().statusCode(401);

        assertThat(silences()).noneMatch(s -> s.path("createdBy").asText().startsWith("@mallory"));
    }

    private static CloudEvent event(String subject, String marker) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("marker", marker).put("scenario", "clicked");
        return CloudEvent.of(EventType.ORDER_CREATED, subject, data);
    }

    /** The button of that action under the message that shows the marker, as WireMock-as-Slack received it. */
    private JsonNode button(String marker, String actionId) {
        String path = SlackWireMockResource.path("clicked");
        JsonNode message = await().atMost(Duration.ofSeconds(30)).until(() -> slack.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path) && e.getRequest().getBodyAsString().contains(marker))
                .map(e -> read(e.getRequest().getBodyAsString()))
                .findFirst().orElse(null), m -> m != null);
        for (JsonNode block : message.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return element;
                }
            }
        }
        throw new AssertionError("no button " + actionId + " under " + message);
    }

    /** The form Slack POSTs for a click (URL-encoded, so ASCII), with a field before the payload as Slack's may have. */
    private static byte[] form(JsonNode button, String username) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("type", "block_actions");
        payload.putObject("user").put("id", "U0" + username.toUpperCase()).put("username", username);
        payload.putArray("actions").addObject().put("type", "button")
                .put("action_id", button.path("action_id").asText()).put("value", button.path("value").asText());
        return ("token=legacy&payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static io.restassured.response.Response click(byte[] body, String timestamp, String signature) {
        RequestSpecification request = given().contentType("application/x-www-form-urlencoded")
                .body(new String(body, StandardCharsets.US_ASCII));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.when().post("/slack/actions");
    }

    private static List<JsonNode> silences() {
        JsonNode list = read(admin().when().get("/admin/silences").then().statusCode(200).extract().asString());
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).toList();
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ScenarioProfile.ADMIN_PASSWORD);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
