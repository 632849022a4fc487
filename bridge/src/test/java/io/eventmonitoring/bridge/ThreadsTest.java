package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Threads per entity on app channels, with their state in bridge-slack-threads on a real KRaft cluster. */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class ThreadsTest {

    private static final Logger LOG = Logger.getLogger(ThreadsTest.class);

    @InjectSlack
    WireMockServer slack;

    @BeforeEach
    void setUp() {
        SlackWireMockResource.resetToOk(slack);
    }

    @Test
    void anOrdersLifecycleIsOneRootRepliesInItsThreadAndTheRootEditedToItsLatestState() {
        String order = "o-" + UUID.randomUUID();
        List<EventType> lifecycle = List.of(EventType.ORDER_CREATED, EventType.ORDER_ITEM_ADDED,
                EventType.ORDER_ITEM_ADDED, EventType.ORDER_CANCELLED);
        for (int i = 0; i < lifecycle.size(); i++) {
            int posted = i + 1;
            Events.send(Events.scenario("app", lifecycle.get(i), order, "step-" + i));
            await().atMost(Duration.ofSeconds(30)).until(() -> posts("app", order).size() == posted);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> edits("app", order).stream()
                .anyMatch(e -> e.text().equals("order:" + order + " · order.cancelled")));

        List<SlackJournal.Call> posts = posts("app", order);
        String root = posts.get(0).ts();
        assertThat(posts.get(0).threadTs()).isNull();
        assertThat(posts.get(0).text()).isEqualTo("order:" + order + " · order.created");
        assertThat(posts.subList(1, posts.size())).allSatisfy(reply -> assertThat(reply.threadTs()).isEqualTo(root));
        List<SlackJournal.Call> edits = edits("app", order);
        assertThat(edits).isNotEmpty().allSatisfy(edit -> assertThat(edit.ts()).isEqualTo(root));
        LOG.infof("measured: an order's lifecycle of %d events is %d messages (1 root, %d replies) and %d root edits",
                lifecycle.size(), posts.size(), posts.size() - 1, edits.size());

        await().atMost(Duration.ofSeconds(10)).until(() -> thread("app", "order:" + order) != null);
        assertThat(thread("app", "order:" + order).value()).contains("\"ts\":\"" + root + "\"",
                "\"channelId\":\"" + SlackWireMockResource.channelId("app") + "\"");
    }

    @Test
    void aRateLimitedEditWaitsRetryAfterAndIsThenApplied() {
        String order = "o-" + UUID.randomUUID();
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.UPDATE)).atPriority(1)
                .inScenario(order).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .withRequestBody(containing(order))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

        Events.send(Events.scenario("app", EventType.ORDER_CREATED, order, "created"));
        await().atMost(Duration.ofSeconds(30)).until(() -> posts("app", order).size() == 1);
        Events.send(Events.scenario("app", EventType.ORDER_CANCELLED, order, "cancelled"));

        await().atMost(Duration.ofSeconds(30)).until(() -> edits("app", order).size() == 1);
        List<SlackJournal.Call> attempts = SlackJournal.calls(slack, "app").stream()
                .filter(c -> c.method().equals("chat.update") && c.body().contains(order)).toList();
        assertThat(attempts).extracting(SlackJournal.Call::status).containsExactly(429, 200);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(1950);
        assertThat(attempts.get(1).text()).isEqualTo("order:" + order + " · order.cancelled");
    }

    /** A thread older than thread-max-age (20 s here) is tombstoned; the entity's next event starts a new one. */
    @Test
    @Tag("fault")
    void anExpiredThreadIsTombstonedAndTheEntitysNextEventStartsANewOne() {
        String order = "o-" + UUID.randomUUID();
        Events.send(Events.scenario("app", EventType.ORDER_CREATED, order, "created"));
        await().atMost(Duration.ofSeconds(30)).until(() -> posts("app", order).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> thread("app", "order:" + order) != null);

        await().atMost(Duration.ofSeconds(60)).until(() -> thread("app", "order:" + order).value() == null);
        Events.send(Events.scenario("app", EventType.ORDER_CANCELLED, order, "cancelled"));

        await().atMost(Duration.ofSeconds(30)).until(() -> posts("app", order).size() == 2);
        List<SlackJournal.Call> posts = posts("app", order);
        assertThat(posts).extracting(SlackJournal.Call::threadTs).containsOnlyNulls();
        assertThat(posts.get(1).text()).isEqualTo("order:" + order + " · order.cancelled");
    }

    /** 1,000 events over 50 entities as fast as Kafka takes them, on a channel allowed one message per second. */
    @Test
    void aBurstOverFiftyEntitiesIsEveryEventAccountedForAndNeverOverTheChannelsRate() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<EventType> types = List.of(EventType.ORDER_CREATED, EventType.ORDER_ITEM_ADDED, EventType.ORDER_CANCELLED);
        long started = System.currentTimeMillis();
        for (int i = 0; i < 1000; i++) {
            Events.send(Events.scenario("app-burst", types.get(i % types.size()), run + "-" + (i % 50), "burst-" + i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() ->
                SlackJournal.eventsAccountedFor(SlackJournal.calls(slack, "app-burst")) >= 1000);
        List<SlackJournal.Call> calls = SlackJournal.calls(slack, "app-burst");
        assertThat(SlackJournal.eventsAccountedFor(calls)).isEqualTo(1000);
        List<SlackJournal.Call> posts = SlackJournal.paced(calls);
        long messages = posts.stream().filter(c -> c.method().equals("chat.postMessage")).count();
        // The burst's digest is edited in place while it is open: far fewer messages than seconds of burst.
        assertThat(posts).anySatisfy(c -> assertThat(c.method()).isEqualTo("chat.update"));
        assertThat(messages).isLessThanOrEqualTo(3);
        long minGap = Long.MAX_VALUE;
        for (int i = 1; i < posts.size(); i++) {
            minGap = Math.min(minGap, posts.get(i).at() - posts.get(i - 1).at());
        }
        assertThat(minGap).isGreaterThanOrEqualTo(950);
        double seconds = (posts.get(posts.size() - 1).at() - posts.get(0).at()) / 1000.0;
        LOG.infof("measured: 1000 events over 50 entities in %d messages and %d digest edits over %.1f s "
                        + "(%.2f posts or digest edits/s, min gap %d ms), all accounted for %d ms after the first was sent",
                messages, posts.size() - messages, seconds, seconds == 0 ? 0 : (posts.size() - 1) / seconds, minGap,
                posts.get(posts.size() - 1).at() - started);
    }

    private List<SlackJournal.Call> posts(String channel, String order) {
        return SlackJournal.posted(slack, channel).stream().filter(c -> c.body().contains(order)).toList();
    }

    private List<SlackJournal.Call> edits(String channel, String order) {
        return SlackJournal.calls(slack, channel).stream()
                .filter(c -> c.ok() && c.method().equals("chat.update") && c.body().contains(order)).toList();
    }

    private static ConsumerRecord<String, String> thread(String channel, String entity) {
        Map<String, ConsumerRecord<String, String>> latest = KafkaCluster.shared().readAll(Topics.BRIDGE_SLACK_THREADS)
                .stream().collect(Collectors.toMap(ConsumerRecord::key, Function.identity(), (a, b) -> b));
        return latest.get(channel + "|" + entity);
    }
}
