package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * Silences live in the compacted topic bridge-silences (key: silence id), so they survive restarts and every
 * replica sees the same ones: each replica reads the whole topic, without a consumer group, and keeps following it.
 */
@ApplicationScoped
public class SilenceStore {

    private static final Logger LOG = Logger.getLogger(SilenceStore.class);

    private final Map<String, SilenceRule> silences = new ConcurrentHashMap<>();
    private final MutinyEmitter<String> emitter;
    private final Map<String, Object> kafkaConfig;
    private final Counter skipped;
    private final Clock clock = Clock.systemUTC();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    SilenceStore(@Channel("silences-out") MutinyEmitter<String> emitter,
                 @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.emitter = emitter;
        this.kafkaConfig = kafkaConfig;
        this.skipped = registry.counter("eventmonitoring_bridge_silences_skipped_total");
    }

    void start(@Observes StartupEvent ignored) {
        Thread follower = new Thread(this::follow, "bridge-silences");
        follower.setDaemon(true);
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    public boolean silenced(CloudEvent event, String route, String channel) {
        if (silences.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        return silences.values().stream().anyMatch(s -> s.activeAt(now) && s.matches(event, route, channel));
    }

    /** Whether the topic was read to its end once since startup: silences are complete. */
    public boolean loaded() {
        return loaded.isDone();
    }

    /** Completes once silences are complete; routing waits for it so a restart never posts a silenced event. */
    public Uni<Void> whenLoaded() {
        return Uni.createFrom().completionStage(loaded);
    }

    public List<Silence> list(boolean includeExpired) {
        Instant now = clock.instant();
        return silences.values().stream()
                .filter(s -> includeExpired || s.activeAt(now))
                .map(SilenceRule::silence)
                .sorted(Comparator.comparing(Silence::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id)).map(SilenceRule::silence);
    }

    /** Stores a compiled silence; it applies here at once and on other replicas as soon as they read it. */
    public Uni<Silence> save(SilenceRule rule) {
        Silence silence = rule.silence();
        return emitter.sendMessage(Message.of(SilenceCodec.encode(silence)).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(silence.id()).build()))
                .invoke(() -> silences.put(silence.id(), rule))
                .replaceWith(silence);
    }

    private void follow() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bridge-silences-follower");
        while (running) {
            try (KafkaConsumer<String, String> follower =
                         new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer = follower;
                List<TopicPartition> partitions = follower.partitionsFor(Topics.BRIDGE_SILENCES, Duration.ofSeconds(30))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                follower.assign(partitions);
                follower.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = follower.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : follower.poll(Duration.ofSeconds(1))) {
                        apply(record);
                    }
                    if (!loaded.isDone() && partitions.stream().allMatch(p -> follower.position(p) >= end.get(p))) {
                        loaded.complete(null);
                        LOG.infof("silences loaded: %d", silences.size());
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading %s failed, retrying: %s", Topics.BRIDGE_SILENCES, e.toString());
            }
        }
    }

    /**
     * A record that is not a valid silence is skipped: it must neither stop loading nor reach routing. It still replaces
     * an earlier silence of its key, as it will once the topic is compacted.
     */
    private void apply(ConsumerRecord<String, String> record) {
        // A compacted topic refuses records without a key; a topic created otherwise by mistake would not.
        if (record.key() == null) {
            skip(record, "no key");
        } else if (record.value() == null) {
            silences.remove(record.key());
        } else {
            try {
                silences.put(record.key(), SilenceCodec.decode(record.key(), record.value()));
            } catch (RuntimeException e) {
                silences.remove(record.key());
                skip(record, e.getMessage());
            }
        }
    }

    private void skip(ConsumerRecord<String, String> record, String reason) {
        skipped.increment();
        LOG.errorf("skipping the record of %s at partition %d offset %d (key %s), not a valid silence: %s",
                Topics.BRIDGE_SILENCES, record.partition(), record.offset(), record.key(), reason);
    }
}
