package io.eventmonitoring.bridge.dlq;

import io.eventmonitoring.bridge.kafka.TopicFollower;
import io.eventmonitoring.events.Topics;
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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which dead letters were replayed, kept in the compacted topic bridge-dead-letter-replays (key
 * {@code partition:offset}, value the time of the replay), so that no dead letter is replayed twice, across restarts
 * and replicas. A dead letter is marked before it is replayed: a crash in between leaves it marked, not replayed twice.
 */
@ApplicationScoped
public class ReplayMarks {

    private static final Logger LOG = Logger.getLogger(ReplayMarks.class);

    private final Map<String, Instant> marks = new ConcurrentHashMap<>();
    private final MutinyEmitter<String> emitter;
    private final TopicFollower follower;

    ReplayMarks(@Channel("replays-out") MutinyEmitter<String> emitter,
                @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.emitter = emitter;
        this.follower = new TopicFollower(Topics.BRIDGE_DEAD_LETTER_REPLAYS, kafkaConfig, this::apply);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.stop();
    }

    /** When the dead letter was replayed, if it was: once the marks were read, else the caller must wait. */
    public Optional<Instant> replayedAt(int partition, long offset) {
        return Optional.ofNullable(marks.get(key(partition, offset)));
    }

    public Uni<Void> whenLoaded() {
        return Uni.createFrom().completionStage(follower.loaded());
    }

    /**
     * Marks a dead letter replayed now; false, without writing, when it already was. Claiming in memory first keeps two
     * requests to this replica from both replaying it.
     */
    public Uni<Boolean> mark(int partition, long offset) {
        Instant now = Instant.now();
        String key = key(partition, offset);
        if (marks.putIfAbsent(key, now) != null) {
            return Uni.createFrom().item(false);
        }
        return send(key, now.toString()).replaceWith(true)
                .onFailure().invoke(() -> marks.remove(key, now));
    }

    /** Takes the mark back after a replay failed, so that it can be tried again. */
    public Uni<Void> unmark(int partition, long offset) {
        String key = key(partition, offset);
        return send(key, null).invoke(() -> marks.remove(key));
    }

    private Uni<Void> send(String key, String value) {
        return emitter.sendMessage(Message.of(value).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            marks.remove(record.key());
            return;
        }
        try {
            marks.putIfAbsent(record.key(), Instant.parse(record.value()));
        } catch (DateTimeParseException e) {
            LOG.errorf("skipping the record of %s at offset %d (key %s): not a time: %s",
                    Topics.BRIDGE_DEAD_LETTER_REPLAYS, record.offset(), record.key(), e.getMessage());
        }
    }

    private static String key(int partition, long offset) {
        return partition + ":" + offset;
    }
}
