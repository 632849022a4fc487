package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.CapturedLog;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** App channels: the Web API played by WireMock, every class of its answers, against the bridge on a real KRaft cluster. */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class AppChannelTest {

    private static final CapturedLog LOG = new CapturedLog();

    @InjectSlack
    WireMockServer slack;

    @BeforeAll
    static void captureLogs() {
        LOG.install();
    }

    @AfterAll
    static void stopCapturing() {
        LOG.remove();
    }

    @BeforeEach
    void setUp() {
        SlackWireMockResource.resetToOk(slack);
    }

    @Test
    void anEventIsPostedWithChatPostMessageTheBotTokenAndTheChannelId() {
        String marker = send("app");

        await().atMost(Duration.ofSeconds(30)).until(() -> posted("app", marker).size() == 1);
        SlackJournal.Call call = posted("app", marker).get(0);
        assertThat(call.authorization()).isEqualTo("Bearer " + SlackWireMockResource.token("app"));
        assertThat(call.threadTs()).isNull();
        assertThat(call.ts()).isNotBlank();
    }

    /** Each of Slack's transient answers is retried until it posts: never dead-lettered, never lost. */
    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({"429, 2, ratelimited", "200, , ratelimited", "200, , rate_limited", "500, , ", "503, , ",
            "200, , service_unavailable", "200, , request_timeout", "200, , internal_error", "200, , fatal_error"})
    void transientAnswersAreRetriedUntilPosted(int status, String retryAfter, String error) {
        String marker = UUID.randomUUID().toString();
        ResponseDefinitionBuilder answer = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(error == null ? "upstream failed" : "{\"ok\":false,\"error\":\"" + error + "\"}");
        if (retryAfter != null) {
            answer.withHeader("Retry-After", retryAfter);
        }
        failFirst("app-retry", marker, answer);
        send("app-retry", marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> posted("app-retry", marker).size() == 1);
        List<SlackJournal.Call> attempts = calls("app-retry", marker);
        assertThat(attempts).hasSize(2);
        if (retryAfter != null) {
            assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(1950);
        }
        assertThat(deadLetters("app-retry", marker)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text",
            "invalid_blocks", "restricted_action"})
    void errorsOfTheMessageAreDeadLetteredAtOnceWithTheReason(String error) {
        String marker = UUID.randomUUID().toString();
        failFirst("app-dead", marker, okJson("{\"ok\":false,\"error\":\"" + error + "\"}"));
        send("app-dead", marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("app-dead", marker).size() == 1);
        ConsumerRecord<String, String> dead = deadLetters("app-dead", marker).get(0);
        assertThat(header(dead, DeadLetterPublisher.REASON)).isEqualTo("slack 200 " + error);
        assertThat(calls("app-dead", marker)).hasSize(1);
    }

    /**
     * A credential error pauses the channel: what arrives meanwhile waits, nothing is dead-lettered, readiness stays UP
     * with the reason in its details and a metric; the management API resumes it and everything is posted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
            "missing_scope", "no_permission", "not_allowed_token_type", "ekm_access_denied"})
    void aCredentialErrorPausesTheChannelUntilAnOperatorResumesIt(String error) {
        String first = UUID.randomUUID().toString();
        failFirst("app-paused", first, okJson("{\"ok\":false,\"error\":\"" + error + "\"}"));
        send("app-paused", first);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls("app-paused", first).size() == 1);
        String second = send("app-paused");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body(containsString("paused-channel.app-paused"), containsString(error)));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString(
                "eventmonitoring_bridge_channel_paused{channel=\"app-paused\",reason=\"" + error + "\"} 1.0"));
        assertThat(calls("app-paused", second)).isEmpty();

        given().auth().preemptive().basic("admin", ScenarioProfile.ADMIN_PASSWORD)
                .when().post("/admin/channels/app-paused/resume")
                .then().statusCode(200).body("channel", is("app-paused")).body("pausedFor", is(error));

        // Both went out in one digest: a new message, or an edit of the channel's digest still open.
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.calls(slack, "app-paused").stream()
                .anyMatch(c -> c.ok() && c.body().contains(second)));
        SlackJournal.Call resumed = SlackJournal.calls(slack, "app-paused").stream()
                .filter(c -> c.ok() && c.body().contains(second)).findFirst().orElseThrow();
        assertThat(resumed.body()).contains(first);
        assertThat(resumed.events()).isGreaterThanOrEqualTo(2);
        assertThat(deadLetters("app-paused", first)).isEmpty();
        given().when().get("/q/metrics").then().body(containsString(
                "eventmonitoring_bridge_channel_paused{channel=\"app-paused\",reason=\"" + error + "\"} 0.0"));
    }

    @Test
    void aNewTokenInTheMountedFileResumesTheChannelAndNoTokenIsEverShown() {
        String revoked = SlackWireMockResource.token("app-paused");
        String rotated = SlackWireMockResource.token("app-paused") + "-rotated";
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.POST_MESSAGE)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + revoked))
                .willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));
        String marker = send("app-paused");
        await().atMost(Duration.ofSeconds(30)).until(() -> calls("app-paused", marker).size() == 1);
        assertThat(calls("app-paused", marker).get(0).authorization()).isEqualTo("Bearer " + revoked);

        SlackWireMockResource.writeToken("app-paused", rotated);

        await().atMost(Duration.ofSeconds(30)).until(() -> posted("app-paused", marker).size() == 1);
        assertThat(posted("app-paused", marker).get(0).authorization()).isEqualTo("Bearer " + rotated);
        assertThat(deadLetters("app-paused", marker)).isEmpty();
        String shown = given().auth().preemptive().basic("admin", ScenarioProfile.ADMIN_PASSWORD)
                .when().get("/admin/routes").then().statusCode(200).extract().asString()
                + given().when().get("/q/health").then().extract().asString()
                + given().when().get("/q/metrics").then().extract().asString();
        assertThat(LOG.lines()).isNotEmpty().noneMatch(line -> line.contains("xoxb-"));
        assertThat(shown).doesNotContain("xoxb-");
    }

    @Test
    void resumingAnUnknownChannelIs404() {
        given().auth().preemptive().basic("admin", ScenarioProfile.ADMIN_PASSWORD)
                .when().post("/admin/channels/nowhere/resume")
                .then().statusCode(404);
        given().when().post("/admin/channels/app-paused/resume").then().statusCode(401);
    }

    /** Slack answers {@code answer} to the first post carrying the marker, then {@code ok} as usual. */
    private void failFirst(String channel, String marker, ResponseDefinitionBuilder answer) {
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.POST_MESSAGE)).atPriority(1)
                .inScenario(marker).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .withRequestBody(containing(marker))
                .withRequestBody(containing(SlackWireMockResource.channelId(channel)))
                .willReturn(answer));
    }

    private static String send(String channel) {
        return send(channel, UUID.randomUUID().toString());
    }

    private static String send(String channel, String marker) {
        Events.send(Events.scenario(channel, marker));
        return marker;
    }

    private List<SlackJournal.Call> calls(String channel, String marker) {
        return SlackJournal.calls(slack, channel).stream().filter(c -> c.body().contains(marker)).toList();
    }

    private List<SlackJournal.Call> posted(String channel, String marker) {
        return SlackJournal.posted(slack, channel).stream().filter(c -> c.body().contains(marker)).toList();
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String channel, String marker) {
        return KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS_DLQ).stream()
                .filter(r -> r.headers().lastHeader(DeadLetterPublisher.CHANNEL) != null
                        && channel.equals(header(r, DeadLetterPublisher.CHANNEL)) && r.value().contains(marker))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
