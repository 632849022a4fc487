package io.eventmonitoring.order.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.testing.BusinessEvents;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Brokers of the shared cluster fail under the service. Every command answered 202 has its event on the topic
 * exactly once, and no command answered otherwise has one, not even after the cluster recovers. Each test
 * leaves all brokers running and in sync for the next test class.
 */
@QuarkusTest
@TestProfile(KafkaFaultsTest.ShortOutages.class)
@WithTestResource(KafkaClusterResource.class)
class KafkaFaultsTest {

    /**
     * The publisher's default timeouts (ack 5 s, delivery 3 s): shorter ones made a leader change on the loaded CI
     * machine outlast the producer's delivery timeout while the record was already replicated (a 503 with an event).
     * Retry-After and the admin client are shortened so the outages stay short.
     */
    public static class ShortOutages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "eventmonitoring.publish.retry-after", "1s",
                    "kafka.request.timeout.ms", "1000",
                    "kafka.default.api.timeout.ms", "2000");
        }
    }

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESTORE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client saw for one command; the customer id marks the command in its event. */
    record Outcome(String customerId, int status, String eventId, String retryAfter, long millis) {
    }

    @TestHTTPResource("/orders")
    URI orders;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaCluster cluster = KafkaCluster.shared();

    /** The cluster is whole and the service warm (a first request pays class loading, not Kafka's time). */
    @BeforeEach
    void healthyAndWarm() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertReadiness(200));
        assertThat(createOrder().status()).isEqualTo(202);
    }

    @AfterEach
    void restoreTheCluster() {
        cluster.restoreAllBrokers(RESTORE);
    }

    @Test
    void aBrokerStoppingAndReturningUnderLoadLosesNoAcceptedEventAndAddsNoOther() throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(clients.submit(() -> {
                // Bounded in count as well as in time.
                for (int n = 0; n < 5_000 && sending.get(); n++) {
                    outcomes.add(createOrder());
                }
                return null;
            }));
        }
        int leaderOfMost = busiestLeader();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= 50);
        cluster.stopBroker(leaderOfMost);
        int atStop = outcomes.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= atStop + 100);
        cluster.restoreAllBrokers(RESTORE);
        int atRestore = outcomes.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= atRestore + 50);
        sending.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<Void> client : running) {
            client.get();
        }

        List<Outcome> answered = List.copyOf(outcomes);
        assertThat(answered).allSatisfy(o -> assertThat(o.status()).isIn(202, 503));
        assertThat(answered).filteredOn(o -> o.status() == 503).allSatisfy(o -> assertThat(o.retryAfter()).isEqualTo("1"));
        assertThat(answered).filteredOn(o -> o.status() == 202).hasSizeGreaterThan(200);
        assertThat(answered).allSatisfy(o -> assertThat(o.millis()).isLessThan(ACK_TIMEOUT.toMillis() + 1_000));
        assertExactlyTheAcceptedAreRecorded(answered);
    }

    @Test
    void losingTheInSyncReplicasAnswers503InTimeThenRecovers() throws Exception {
        List<Integer> brokers = cluster.brokerIds();
        cluster.stopBroker(brokers.get(0));
        cluster.stopBroker(brokers.get(1));

        Outcome refused = createOrder();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(refused.millis()).isLessThan(ACK_TIMEOUT.toMillis() + 1_000);

        cluster.restoreAllBrokers(RESTORE);
        Outcome accepted = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(this::createOrder, o -> o.status() == 202);
        assertThat(BusinessEvents.withId(accepted.eventId()).event().data().get("customerId").asText())
                .isEqualTo(accepted.customerId());
        assertExactlyTheAcceptedAreRecorded(List.of(refused, accepted));
    }

    @Test
    void readinessIsDownWhileKafkaIsUnreachableAndUpWhenItReturns() throws Exception {
        cluster.brokerIds().forEach(cluster::stopBroker);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertReadiness(503));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Outcome refused = createOrder();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.millis()).isLessThan(ACK_TIMEOUT.toMillis() + 1_000);

        cluster.restoreAllBrokers(RESTORE);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertReadiness(200));
        Outcome accepted = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(this::createOrder, o -> o.status() == 202);
        assertExactlyTheAcceptedAreRecorded(List.of(refused, accepted));
    }

    private static void assertReadiness(int status) {
        var response = given().get("/q/health/ready");
        assertThat(response.statusCode()).as("readiness: %s", response.asString()).isEqualTo(status);
    }

    /**
     * The topic, read after the cluster is whole again (so anything a refused command left behind would show),
     * holds an event for each 202, exactly once, and none for any other answer.
     */
    private static void assertExactlyTheAcceptedAreRecorded(List<Outcome> outcomes) {
        Map<String, Outcome> byCustomer = outcomes.stream().collect(Collectors.toMap(Outcome::customerId, o -> o));
        Map<String, BusinessEvents.Recorded> events = BusinessEvents.byId();
        Map<String, String> recordedCustomers = events.values().stream()
                .filter(r -> r.event().type().equals("order.created"))
                .filter(r -> byCustomer.containsKey(r.event().data().path("customerId").asText()))
                .collect(Collectors.toMap(r -> r.event().data().get("customerId").asText(), r -> r.event().id()));
        Set<String> accepted = outcomes.stream().filter(o -> o.status() == 202).map(Outcome::customerId)
                .collect(Collectors.toSet());
        assertThat(recordedCustomers.keySet()).as("commands with an event = commands answered 202")
                .containsExactlyInAnyOrderElementsOf(accepted);
        outcomes.stream().filter(o -> o.status() == 202).forEach(o ->
                assertThat(recordedCustomers.get(o.customerId())).as("event id of the 202").isEqualTo(o.eventId()));
    }

    private Outcome createOrder() throws Exception {
        String customerId = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(orders)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"%s","currency":"EUR","items":[{"sku":"KB-MECH-01","quantity":1,"unitPrice":89.90}]}"""
                        .formatted(customerId)))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        JsonNode body = JSON.readTree(response.body());
        return new Outcome(customerId, response.statusCode(), body.path("eventId").asText(null),
                response.headers().firstValue("Retry-After").orElse(null), millis);
    }

    /** The broker leading the most business-events partitions: stopping it moves the most leaders. */
    private int busiestLeader() throws Exception {
        try (var admin = cluster.admin()) {
            return admin.describeTopics(List.of("business-events")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("business-events").partitions().stream()
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }
}
