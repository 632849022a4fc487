package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Slack's limits and failures, played by WireMock, against the bridge on a real KRaft cluster. */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class DeliveryScenariosTest {

    /** Twelve times the profile's max-backoff: every retry of the outage is a full backoff cycle. */
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @InjectSlack
    WireMockServer slack;

    @BeforeEach
    void setUp() {
        SlackWireMockResource.resetToOk(slack);
    }

    @Test
    void aBurstOfAThousandIsPostedAtMostOncePerSecondAndEveryEventIsAccounted() {
        for (int i = 0; i < 1000; i++) {
            Events.send(Events.scenario("burst", "burst-" + i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> SlackJournal.eventsAccountedFor(slack, "burst") >= 1000);
        List<SlackJournal.Post> posts = SlackJournal.accepted(slack, "burst");
        assertThat(posts.stream().mapToInt(SlackJournal.Post::events).sum()).isEqualTo(1000);
        assertThat(SlackJournal.minimumGapMillis(posts)).isGreaterThanOrEqualTo(950);
        assertThat(posts.size()).isLessThan(100);
    }

    @Test
    void rateLimitedBySlackTheBridgeWaitsRetryAfterLosesNothingAndPostsNothingExtra() {
        stub("limited", aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("rate_limited"));
        for (int i = 0; i < 5; i++) {
            Events.send(Events.scenario("limited", "limited-" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> SlackJournal.attempts(slack, "limited").size() >= 3);
        stub("limited", aResponse().withStatus(200).withBody("ok"));
        for (int i = 5; i < 10; i++) {
            Events.send(Events.scenario("limited", "limited-" + i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.eventsAccountedFor(slack, "limited") >= 10);
        List<SlackJournal.Post> attempts = SlackJournal.attempts(slack, "limited");
        List<SlackJournal.Post> limited = attempts.stream().filter(p -> p.status() == 429).toList();
        assertThat(SlackJournal.minimumGapMillis(limited)).isGreaterThanOrEqualTo(1950);
        assertThat(SlackJournal.eventsAccountedFor(slack, "limited")).isEqualTo(10);
        assertThat(deadLetters("limited")).isEmpty();
    }

    /**
     * An outage many times the longest backoff (the profile's is 500 ms) but shorter than give-up-after: events keep
     * arriving and being retried, none is posted or dead-lettered, and once Slack is back one digest carries them.
     */
    @Test
    void slackDownForManyBackoffsThenUpDeliversEverythingDigestedLosesNothing() {
        stub("down", aResponse().withStatus(500).withBody("internal_error"));
        long downUntil = System.currentTimeMillis() + OUTAGE.toMillis();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        try {
            traffic.scheduleAtFixedRate(() -> Events.send(Events.scenario("down", "down-" + sent.getAndIncrement())),
                    0, 500, TimeUnit.MILLISECONDS);
            await().atMost(OUTAGE.plusSeconds(10)).until(() -> System.currentTimeMillis() >= downUntil);
        } finally {
            traffic.shutdownNow();
        }
        assertThat(SlackJournal.accepted(slack, "down")).isEmpty();
        assertThat(SlackJournal.attempts(slack, "down").size()).isGreaterThan(5);
        stub("down", aResponse().withStatus(200).withBody("ok"));

        int expected = sent.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.eventsAccountedFor(slack, "down") >= expected);
        assertThat(SlackJournal.eventsAccountedFor(slack, "down")).isEqualTo(expected);
        assertThat(SlackJournal.accepted(slack, "down")).hasSizeLessThanOrEqualTo(2);
        assertThat(deadLetters("down")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, invalid_payload", "403, action_prohibited", "404, channel_not_found", "410, channel_is_archived"})
    void nonRetryableErrorsAreDeadLetteredWithTheReasonAndReplayDeliversAfterTheFix(int status, String error) {
        stub("rejected", aResponse().withStatus(status).withBody(error));
        String marker = "rejected-" + UUID.randomUUID();
        CloudEvent event = Events.scenario("rejected", marker);
        Events.send(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("rejected").stream()
                .anyMatch(r -> r.value().contains(marker)));
        ConsumerRecord<String, String> dead = deadLetters("rejected").stream()
                .filter(r -> r.value().contains(marker)).findFirst().orElseThrow();
        assertThat(header(dead, DeadLetterPublisher.REASON)).contains(String.valueOf(status), error);
        assertThat(header(dead, DeadLetterPublisher.CAUSE)).isEqualTo(DeadLetterPublisher.CAUSE_DELIVERY);
        assertThat(dead.key()).isEqualTo(event.key());
        assertThat(SlackJournal.attempts(slack, "rejected")).hasSize(1);

        stub("rejected", aResponse().withStatus(200).withBody("ok"));
        TestUsers.operator()
                .when().post("/admin/dead-letters/" + dead.partition() + "/" + dead.offset() + "/replay")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.accepted(slack, "rejected").stream()
                .anyMatch(p -> p.text().contains(marker)));
        TestUsers.operator()
                .when().post("/admin/dead-letters/" + dead.partition() + "/" + dead.offset() + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
    }

    private void stub(String channel, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.path(channel))).willReturn(response));
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String channel) {
        return KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS_DLQ).stream()
                .filter(r -> r.headers().lastHeader(DeadLetterPublisher.CHANNEL) != null
                        && channel.equals(header(r, DeadLetterPublisher.CHANNEL)))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
