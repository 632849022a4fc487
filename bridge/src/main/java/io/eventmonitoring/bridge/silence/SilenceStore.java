package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.bridge.kafka.TopicFollower;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Silences live in the compacted topic bridge-silences (key: silence id), so they survive restarts and every
 * replica sees the same ones: each replica reads the whole topic and keeps following it.
 */
@ApplicationScoped
public class SilenceStore {

    private static final Logger LOG = Logger.getLogger(SilenceStore.class);

    private final Map<String, SilenceRule> silences = new ConcurrentHashMap<>();
    private final MutinyEmitter<String> emitter;
    private final Counter skipped;
    private final Clock clock = Clock.systemUTC();
    private final TopicFollower follower;

    SilenceStore(@Channel("silences-out") MutinyEmitter<String> emitter,
                 @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.emitter = emitter;
        this.follower = new TopicFollower(Topics.BRIDGE_SILENCES, kafkaConfig, this::apply);
        this.skipped = registry.counter("eventmonitoring_bridge_silences_skipped_total");
    }

    void start(@Observes StartupEvent ignored) {
        follower.loaded().thenRun(() -> LOG.infof("silences loaded: %d", silences.size()));
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.stop();
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
        return follower.loaded().isDone();
    }

    /** Completes once silences are complete; routing waits for it so a restart never posts a silenced event. */
    public Uni<Void> whenLoaded() {
        return Uni.createFrom().completionStage(follower.loaded());
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
