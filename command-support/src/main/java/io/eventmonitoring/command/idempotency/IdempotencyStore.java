package io.eventmonitoring.command.idempotency;

import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.eventmonitoring.command.publish.PublishConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency-Keys held in Kafka, so that they hold across replicas and restarts: every replica reads the whole
 * {@code command-idempotency} topic (read committed) into a {@link Ledger}. A request claims its key by writing a
 * claim and waiting until it has read it back: the first live claim in the partition's log wins on every replica.
 * The winner's answer is written in the same transaction as its event, so a key is answered only if its event
 * was committed; a 503 releases the key.
 *
 * <p>Requests without the header never reach this class.
 */
@Startup
@ApplicationScoped
public class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final String CLAIM_SUFFIX = "#claim";

    /** What to do with a keyed request. */
    public sealed interface Decision permits Proceed, Replay, InFlight, Mismatch {
    }

    /** This request holds the key: run the command, and write {@link #answerRecord} with its event. */
    public record Proceed(String scope, String claim, String fingerprint) implements Decision {
    }

    /** The key was answered before, for the same request: answer the same. */
    public record Replay(LedgerRecord.Accepted accepted) implements Decision {
    }

    /** Another request with this key is being processed: 409. */
    public record InFlight() implements Decision {
    }

    /** The key was used for another request: 422. */
    public record Mismatch() implements Decision {
    }

    private final Ledger ledger;
    private final Producer<String, String> producer;
    private final Map<String, Object> consumerProps;
    private final ExecutorService claims;
    private final Thread reader;
    private final Map<Integer, PriorityQueue<Waiter>> waiters = new HashMap<>();
    private volatile int partitions;
    private volatile boolean running = true;

    private record Waiter(long offset, CompletableFuture<Void> read) {
    }

    IdempotencyStore(@Identifier("default-kafka-broker") Map<String, Object> kafka, IdempotencyConfig config,
                     PublishConfig publish, @ConfigProperty(name = "quarkus.application.name") String application,
                     MeterRegistry registry) {
        List<String> problems = config.problems(publish.ackTimeout(), publish.transactionTimeout());
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid idempotency configuration: " + String.join("; ", problems));
        }
        this.ledger = new Ledger(config.retention(), config.claimTimeout(), config.maxKeys());
        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.remove("group.id");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-idempotency");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publish.maxBlock().toMillis());
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) publish.requestTimeout().toMillis());
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publish.deliveryTimeout().toMillis());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        this.consumerProps = new HashMap<>(kafka);
        consumerProps.remove("group.id");
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, application + "-idempotency");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.claims = Executors.newSingleThreadExecutor(r -> daemon(r, "idempotency-claims"));
        this.reader = daemon(this::read, "idempotency-reader");
        Gauge.builder("eventmonitoring.idempotency.keys", this, IdempotencyStore::keys)
                .description("Idempotency-Keys held in memory").register(registry);
        Gauge.builder("eventmonitoring.idempotency.keys.evicted", this, IdempotencyStore::evicted)
                .description("Idempotency-Keys forgotten before their retention ended, because of max-keys")
                .register(registry);
        reader.start();
    }

    /** The scope of a key: the service, the method and the resource's path. */
    public static String scope(String application, String method, String path, IdempotencyKey key) {
        return application + " " + method + " " + path + " " + key.value();
    }

    /** Decides a keyed request: claims the key unless it is answered or in flight already; fails if Kafka cannot say. */
    public CompletionStage<Decision> claim(String scope, String fingerprint, Duration timeout) {
        Decision known;
        synchronized (this) {
            known = decide(ledger.get(scope, System.currentTimeMillis()), scope, fingerprint, null);
        }
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        String claim = UUID.randomUUID().toString();
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        claims.execute(() -> {
            try {
                int partition = partition(scope);
                producer.send(new ProducerRecord<>(Topics.COMMAND_IDEMPOTENCY, partition, System.currentTimeMillis(),
                        scope + CLAIM_SUFFIX, LedgerRecord.claim(claim, fingerprint).encode()), (metadata, error) -> {
                    if (error != null) {
                        decision.completeExceptionally(error);
                        return;
                    }
                    readBack(partition, metadata.offset()).thenRun(() -> {
                        Decision decided;
                        synchronized (this) {
                            decided = decide(ledger.get(scope, System.currentTimeMillis()), scope, fingerprint, claim);
                        }
                        decision.complete(decided == null ? new InFlight() : decided);
                    });
                });
            } catch (KafkaException e) {
                decision.completeExceptionally(e);
            }
        });
        return decision.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((decided, failure) -> {
            if (failure != null) {
                // The claim may still be written: release it, so that the retry of this 503 is processed anew.
                release(new Proceed(scope, claim, fingerprint));
            }
        });
    }

    /** The answer record, to be written in the same transaction as the command's event. */
    public ProducerRecord<String, String> answerRecord(Proceed claim, LedgerRecord.Accepted accepted) {
        return new ProducerRecord<>(Topics.COMMAND_IDEMPOTENCY, partition(claim.scope()), System.currentTimeMillis(),
                claim.scope(), LedgerRecord.done(claim.claim(), claim.fingerprint(), accepted).encode());
    }

    /**
     * The answer record was committed: this instance knows it before it can read it back (the commit markers follow
     * moments later), so a retry here right after the 202 is answered the same, not 409.
     */
    public synchronized void answered(Proceed claim, LedgerRecord.Accepted accepted) {
        ledger.apply(claim.scope(), LedgerRecord.done(claim.claim(), claim.fingerprint(), accepted), System.currentTimeMillis());
    }

    /** The command was not recorded: its key is free again (if this record is lost, after the claim timeout). */
    public void release(Proceed claim) {
        claims.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(Topics.COMMAND_IDEMPOTENCY, partition(claim.scope()),
                        System.currentTimeMillis(), claim.scope() + CLAIM_SUFFIX, LedgerRecord.release(claim.claim()).encode()),
                        (metadata, error) -> {
                            if (error != null) {
                                LOG.warnf("could not release an idempotency key; it frees itself after the claim timeout: %s",
                                        error.toString());
                            }
                        });
            } catch (KafkaException e) {
                LOG.warnf("could not release an idempotency key; it frees itself after the claim timeout: %s", e.toString());
            }
        });
    }

    private synchronized double keys() {
        return ledger.size();
    }

    private synchronized double evicted() {
        return ledger.evicted();
    }

    private static Decision decide(Ledger.State state, String scope, String fingerprint, String ownClaim) {
        if (state instanceof Ledger.Done done) {
            return done.fingerprint().equals(fingerprint) ? new Replay(done.accepted()) : new Mismatch();
        }
        if (state instanceof Ledger.Claimed claimed) {
            if (claimed.claim().equals(ownClaim)) {
                return new Proceed(scope, ownClaim, fingerprint);
            }
            // Until the first request is answered, the key is busy whatever this request is.
            return new InFlight();
        }
        return null;
    }

    private int partition(String scope) {
        if (partitions == 0) {
            partitions = producer.partitionsFor(Topics.COMMAND_IDEMPOTENCY).size();
        }
        return Utils.toPositive(Utils.murmur2(scope.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private synchronized CompletableFuture<Void> readBack(int partition, long offset) {
        CompletableFuture<Void> read = new CompletableFuture<>();
        waiters.computeIfAbsent(partition, p -> new PriorityQueue<>((a, b) -> Long.compare(a.offset(), b.offset())))
                .add(new Waiter(offset, read));
        return read;
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> assigned = consumer.partitionsFor(Topics.COMMAND_IDEMPOTENCY).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    List<CompletableFuture<Void>> readers = new ArrayList<>();
                    synchronized (this) {
                        for (ConsumerRecord<String, String> record : records) {
                            apply(record);
                        }
                        for (TopicPartition partition : assigned) {
                            PriorityQueue<Waiter> waiting = waiters.get(partition.partition());
                            if (waiting == null || waiting.isEmpty()) {
                                continue;
                            }
                            long position = consumer.position(partition);
                            while (!waiting.isEmpty() && waiting.peek().offset() < position) {
                                readers.add(waiting.poll().read());
                            }
                        }
                    }
                    readers.forEach(r -> r.complete(null));
                }
            } catch (KafkaException e) {
                if (running) {
                    // A new consumer replays the topic into the same ledger, which ends in the same states.
                    LOG.warnf("reading %s failed, reading it again: %s", Topics.COMMAND_IDEMPOTENCY, e.toString());
                    pause();
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        LedgerRecord value = LedgerRecord.decode(record.value());
        if (value == null || record.key() == null) {
            LOG.warnf("skipping a record of %s that is not a ledger record (partition %d, offset %d)",
                    Topics.COMMAND_IDEMPOTENCY, record.partition(), record.offset());
            return;
        }
        String key = record.key();
        String scope = key.endsWith(CLAIM_SUFFIX) ? key.substring(0, key.length() - CLAIM_SUFFIX.length()) : key;
        ledger.apply(scope, value, record.timestamp());
    }

    @PreDestroy
    void close() {
        running = false;
        claims.shutdown();
        try {
            reader.join(2000);
            claims.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
