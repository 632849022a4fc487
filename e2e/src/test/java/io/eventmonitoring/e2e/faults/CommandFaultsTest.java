package io.eventmonitoring.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmonitoring.e2e.ServiceProcess;
import io.eventmonitoring.e2e.faults.SteadyLoad.Outcome;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.local.Platform;
import io.eventmonitoring.local.Ports;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.OrderedStop;
import io.eventmonitoring.process.Role;
import io.eventmonitoring.process.kafka.KafkaCluster;
import io.eventmonitoring.testing.CommittedRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command contract under the faults that happen, on the local platform's split cluster (3 controllers and 3
 * brokers, each its own process, Kafka's default failure detection) with domain-order as a packaged app under a
 * steady load: a broker killed or frozen, two brokers down, the service killed. Each test checks by event id, with
 * a read-committed consumer once no transaction is open, that business-events holds exactly one record per command
 * answered 202 and none of any command answered otherwise, and prints what the clients saw.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandFaultsTest {

    private static final int RATE = 40;
    /** The service's transactional producers (eventmonitoring.publish.producers, its default). */
    private static final int PRODUCERS = 4;
    private static final Duration RESTORE = Duration.ofSeconds(120);

    @TempDir
    static Path temp;

    private KafkaCluster cluster;
    /** The cluster's node processes, a restarted one in the place of the one it replaces. */
    private final List<ManagedProcess> nodes = new CopyOnWriteArrayList<>();
    private String bootstrap;
    private ServiceProcess orders;
    private String instance;
    private final AtomicReference<URI> target = new AtomicReference<>();
    /** When the last fault began (System.nanoTime), for the latency of the commands sent while it lasted. */
    private long faultNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The local platform's cluster, on the jars it runs on: real broker processes to kill and freeze. */
    @BeforeAll
    void startCluster() throws Exception {
        Ports ports = Ports.free();
        cluster = new KafkaCluster(temp.resolve("kafka"), ports.broker(), ports.controller(), Platform.kafkaLib());
        cluster.prepare(Uuid.randomUuid().toString());
        cluster.nodes().forEach(node -> nodes.add(cluster.start(node)));
        cluster.awaitBrokers(nodes, Duration.ofMinutes(2));
        cluster.ensureTopics(Duration.ofMinutes(1));
        bootstrap = cluster.bootstrapServers();
        startOrders("a");
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (orders != null) {
            orders.close();
        }
        new OrderedStop(Duration.ofMinutes(1), System.out).stop(nodes);
    }

    /** Every broker runs, none is frozen, every partition has its three replicas in sync: as the next test expects. */
    @AfterEach
    void restore() {
        for (ManagedProcess broker : brokers()) {
            broker.signal("CONT");
        }
        for (ManagedProcess broker : brokers()) {
            if (!broker.isAlive()) {
                startAgain(broker);
            }
        }
        awaitFullIsr();
        preferredLeaders();
    }

    @Test
    @Order(1)
    void aBrokerLeadingBusinessEventsKilledUnderLoadAnswersNo503AndLosesNothing() throws Exception {
        int coordinator = coordinator();
        ManagedProcess victim = brokerNode(leaders().stream().filter(id -> id != coordinator).findFirst()
                .orElse(leaders().get(0)));

        List<Outcome> outcomes = underLoad(false, () -> victim.handle().destroyForcibly(), Duration.ofSeconds(20));

        report("kill -9 of " + victim.name() + " (a leader of business-events)", outcomes);
        assertAllAccepted(outcomes);
        assertExactlyTheAcceptedAreRecorded(outcomes);
    }

    @Test
    @Order(2)
    void theTransactionCoordinatorsBrokerKilledUnderLoadAnswersNo503AndLosesNothing() throws Exception {
        ManagedProcess victim = brokerNode(coordinator());

        List<Outcome> outcomes = underLoad(false, () -> victim.handle().destroyForcibly(), Duration.ofSeconds(20));

        report("kill -9 of " + victim.name() + " (coordinator of most of the service's transactions)", outcomes);
        assertAllAccepted(outcomes);
        assertExactlyTheAcceptedAreRecorded(outcomes);
    }

    @Test
    @Order(3)
    void aBrokerFrozenFor15SecondsUnderLoadAnswersNo503AndLosesNothing() throws Exception {
        ManagedProcess victim = brokerNode(leaders().get(0));

        List<Outcome> outcomes = underLoad(false, () -> {
            victim.signal("STOP");
            hold(Duration.ofSeconds(15));
            victim.signal("CONT");
        }, Duration.ofSeconds(10));

        report("SIGSTOP of " + victim.name() + " for 15 s", outcomes);
        assertAllAccepted(outcomes);
        assertExactlyTheAcceptedAreRecorded(outcomes);
    }

    @Test
    @Order(4)
    void twoBrokersDownAnswers503ThatRecordNothingAndARetryWithTheSameKeyIsProcessedAnew() throws Exception {
        List<ManagedProcess> victims = brokers().subList(0, 2);
        AtomicReference<Outcome> keyedDuringOutage = new AtomicReference<>();

        List<Outcome> outcomes = underLoad(false, () -> {
            victims.forEach(v -> v.handle().destroyForcibly());
            keyedDuringOutage.set(SteadyLoad.send(http, target.get(), "retried-" + instance, "outage-key-" + instance).join());
            victims.forEach(this::startAgain);
        }, Duration.ofSeconds(10));
        awaitFullIsr();
        Outcome refused = keyedDuringOutage.get();
        Outcome retried = await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> SteadyLoad.send(http, target.get(), refused.customerId(), refused.key()).join(),
                        o -> o.status() == 202);

        report("kill -9 of " + victims.get(0).name() + " and " + victims.get(1).name() + ", then restart", outcomes);
        assertThat(refused.status()).as("a command while two of three brokers are down").isEqualTo(503);
        assertThat(refused.retryAfter()).isNotBlank();
        assertThat(outcomes).filteredOn(o -> o.status() == 503).isNotEmpty()
                .allSatisfy(o -> assertThat(o.retryAfter()).isNotBlank());
        assertThat(outcomes).extracting(Outcome::status).containsOnly(202, 503, 504);
        List<Outcome> all = new ArrayList<>(outcomes);
        all.add(retried);
        assertExactlyTheAcceptedAreRecorded(all);
    }

    @Test
    @Order(5)
    void theServiceKilledMidTransactionLeavesNoEventOfAnUnansweredCommandAndRetriesWithTheirKeysAreRecordedOnce() throws Exception {
        ServiceProcess killed = orders;
        int coordinator = coordinator();
        // A replica frozen for a moment keeps the service's current transaction open (acks=all waits for it): the kill
        // lands inside the transaction. Not the coordinator, which must see the transaction begin.
        ManagedProcess slow = brokers().stream().filter(b -> !b.name().equals("broker-" + coordinator)).findFirst()
                .orElseThrow();
        AtomicReference<CompletableFuture<Duration>> heldBack = new AtomicReference<>();
        List<Outcome> outcomes = underLoad(true, () -> {
            try {
                slow.signal("STOP");
                hold(Duration.ofSeconds(3));
                killed.kill();
                slow.signal("CONT");
                // From the kill on: how long the killed instance's open transaction holds back read-committed
                // consumers. Looked at once the thawed replica has caught up: until then the high watermark stands
                // still behind the open transaction too, and the two look alike.
                long killedAt = System.nanoTime();
                heldBack.set(CompletableFuture.supplyAsync(() -> {
                    awaitFullIsr();
                    // The transaction writes the event and the Idempotency-Key answer; which of its partitions took
                    // records before the kill depends on where their leaders are.
                    CommittedRecords.awaitNoOpenTransaction(bootstrap, Topics.BUSINESS_EVENTS, Duration.ofSeconds(90));
                    CommittedRecords.awaitNoOpenTransaction(bootstrap, Topics.COMMAND_IDEMPOTENCY, Duration.ofSeconds(90));
                    return Duration.ofNanos(System.nanoTime() - killedAt);
                }));
                startOrders("b");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(10));
        Duration held = heldBack.get().join();

        List<Outcome> unanswered = outcomes.stream().filter(o -> o.status() != 202).toList();
        List<Outcome> retries = new ArrayList<>();
        for (Outcome lost : unanswered) {
            retries.add(await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SteadyLoad.send(http, target.get(), lost.customerId(), lost.key()).join(),
                            o -> o.status() == 202));
        }

        report("kill -9 of domain-order mid-transaction, a new instance started (read-committed consumers held back "
                + held.toMillis() + " ms from the kill)", outcomes);
        assertThat(held).as("an open transaction of a killed instance holds consumers back at most until "
                + "transaction-timeout (30 s), checked every 10 s by the coordinator").isLessThan(Duration.ofSeconds(50));
        assertThat(unanswered).as("commands in flight at the kill").isNotEmpty();
        Map<String, List<String>> recorded = recordedByCustomer(outcomes);
        for (Outcome retry : retries) {
            assertThat(recorded.get(retry.customerId())).as("events of retried command " + retry.customerId())
                    .containsExactly(retry.eventId());
        }
        List<Outcome> answered = new ArrayList<>(outcomes.stream().filter(o -> o.status() == 202).toList());
        answered.addAll(retries);
        assertExactlyTheAcceptedAreRecorded(answered);
    }

    /** Runs the load, applies the fault after a few seconds of steady state, keeps the load for {@code after}. */
    private List<Outcome> underLoad(boolean keyed, Runnable fault, Duration after) {
        int max = RATE * 120;
        try (SteadyLoad load = new SteadyLoad(target::get, RATE, keyed, max)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= RATE * 5);
            faultNanos = System.nanoTime();
            fault.run();
            int atFault = load.sent();
            int more = (int) (RATE * after.toSeconds());
            await().atMost(after.plusSeconds(30)).until(() -> load.sent() >= atFault + more);
            return load.stop();
        }
    }

    private void assertAllAccepted(List<Outcome> outcomes) {
        assertThat(outcomes).as("answers during a single-broker fault").extracting(Outcome::status).containsOnly(202);
    }

    /**
     * Once no transaction is open, a read-committed consumer sees exactly one record for every command answered
     * 202, with the answer's event id, none for a command answered 503, and at most one for a command whose outcome
     * its client does not know (504 or no answer).
     */
    private void assertExactlyTheAcceptedAreRecorded(List<Outcome> outcomes) {
        CommittedRecords.awaitNoOpenTransaction(bootstrap, Topics.BUSINESS_EVENTS, Duration.ofSeconds(90));
        Map<String, List<String>> recorded = recordedByCustomer(outcomes);
        Set<String> accepted = outcomes.stream().filter(o -> o.status() == 202).map(Outcome::customerId)
                .collect(Collectors.toSet());
        for (Outcome outcome : outcomes) {
            List<String> events = recorded.getOrDefault(outcome.customerId(), List.of());
            if (outcome.status() == 202) {
                assertThat(events).as("records of a command answered 202").containsExactly(outcome.eventId());
            } else if (outcome.status() == 503 && !accepted.contains(outcome.customerId())) {
                assertThat(events).as("records of a command answered 503").isEmpty();
            } else {
                assertThat(events).as("records of a command answered " + outcome.status()).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    private Map<String, List<String>> recordedByCustomer(List<Outcome> outcomes) {
        Set<String> customers = outcomes.stream().map(Outcome::customerId).collect(Collectors.toSet());
        Map<String, List<String>> recorded = new HashMap<>();
        CommittedRecords.read(bootstrap, Topics.BUSINESS_EVENTS).forEach(record -> {
            CloudEvent event = CloudEventCodec.decode(record.value());
            JsonNode customer = event.data() == null ? null : event.data().get("customerId");
            if (customer != null && customers.contains(customer.asText())) {
                recorded.computeIfAbsent(customer.asText(), c -> new ArrayList<>()).add(event.id());
            }
        });
        return recorded;
    }

    /**
     * What the clients saw, for the docs: answers by status, and the latency of the commands answered 202 that were
     * sent in the 15 s after the fault began.
     */
    private void report(String fault, List<Outcome> outcomes) {
        Map<Integer, Long> byStatus = outcomes.stream()
                .collect(Collectors.groupingBy(Outcome::status, TreeMap::new, Collectors.counting()));
        long windowEnd = faultNanos + Duration.ofSeconds(15).toNanos();
        List<Long> during = outcomes.stream()
                .filter(o -> o.status() == 202 && o.sentNanos() - faultNanos >= 0 && o.sentNanos() - windowEnd < 0)
                .map(Outcome::millis).sorted().toList();
        System.out.printf("[faults] %s: %d commands at %d/s, answers %s; 202s sent in the fault's first 15 s: "
                        + "p50 %d ms, p99 %d ms, max %d ms%n", fault, outcomes.size(), RATE, byStatus,
                percentile(during, 50), percentile(during, 99), during.isEmpty() ? 0 : during.get(during.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void startOrders(String instanceId) throws IOException {
        instance = instanceId;
        orders = ServiceProcess.start("domain-order", Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "eventmonitoring.publish.instance-id", instanceId,
                "eventmonitoring.publish.retry-after", "1s"), Map.of());
        orders.awaitReady();
        target.set(orders.uri("/orders"));
        // Commands at once warm the service and open transactions on its producers, which registers their ids.
        List<CompletableFuture<Outcome>> warmUp = IntStream.range(0, 4 * PRODUCERS)
                .mapToObj(i -> SteadyLoad.send(http, target.get(), "warm-up-" + instanceId + "-" + i, null)).toList();
        assertThat(warmUp).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(202));
    }

    /** Starts a broker that was killed again, once it is gone, and waits until it listens. */
    private void startAgain(ManagedProcess broker) {
        broker.handle().onExit().join();
        ManagedProcess started = cluster.start(cluster.nodes().get(nodes.indexOf(broker)));
        nodes.set(nodes.indexOf(broker), started);
        cluster.awaitListening(List.of(started), System.nanoTime() + Duration.ofMinutes(2).toNanos());
    }

    private List<ManagedProcess> brokers() {
        return nodes.stream().filter(p -> p.role() == Role.BROKER)
                .sorted(Comparator.comparing(ManagedProcess::name)).toList();
    }

    private ManagedProcess brokerNode(int nodeId) {
        return brokers().stream().filter(p -> p.name().equals("broker-" + nodeId)).findFirst().orElseThrow();
    }

    /** The brokers leading partitions of business-events, the one leading most first. */
    private List<Integer> leaders() throws Exception {
        try (Admin admin = KafkaCluster.admin(bootstrap)) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.BUSINESS_EVENTS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.BUSINESS_EVENTS);
            Map<Integer, Long> led = topic.partitions().stream()
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
            return led.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                    .map(Map.Entry::getKey).toList();
        }
    }

    /** The broker coordinating most of the service's transactional producers (those that have begun one). */
    private int coordinator() throws Exception {
        List<String> ids = IntStream.range(0, PRODUCERS).mapToObj(i -> "domain-order-" + instance + "-" + i).toList();
        Map<Integer, Long> coordinated = new HashMap<>();
        try (Admin admin = KafkaCluster.admin(bootstrap)) {
            DescribeTransactionsResult described = admin.describeTransactions(ids);
            for (String id : ids) {
                try {
                    coordinated.merge(described.description(id).get(10, TimeUnit.SECONDS).coordinatorId(), 1L, Long::sum);
                } catch (ExecutionException e) {
                    // A producer that has not begun a transaction yet has no coordinator state.
                    assertThat(e).hasCauseInstanceOf(TransactionalIdNotFoundException.class);
                }
            }
        }
        return coordinated.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private void awaitFullIsr() {
        List<String> topics = TopicContract.TOPICS.stream().map(TopicContract.Topic::name).toList();
        await("all replicas in sync").atMost(RESTORE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    try (Admin admin = KafkaCluster.admin(bootstrap)) {
                        return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                                .flatMap(t -> t.partitions().stream())
                                .allMatch(CommandFaultsTest::healthy);
                    }
                });
    }

    /** Leadership back to the preferred replicas, as Kafka's own rebalance would do minutes later. */
    private void preferredLeaders() {
        try (Admin admin = KafkaCluster.admin(bootstrap)) {
            admin.electLeaders(ElectionType.PREFERRED, null).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Partitions already led by their preferred replica answer ElectionNotNeeded: nothing to do.
            assertThat(e).hasRootCauseInstanceOf(ElectionNotNeededException.class);
        }
    }

    private static boolean healthy(TopicPartitionInfo partition) {
        return partition.leader() != null && partition.isr().size() == TopicContract.REPLICATION_FACTOR;
    }

    /** The fault's own duration (a frozen broker stays frozen this long): not a wait for a condition. */
    private static void hold(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
