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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which dead letters were replayed, kept in the compacted topic bridge-dead-letter-replays (key
 * {@code partition:offset}, value the time and a claim id), so that no dead letter is replayed twice, across restarts
 * and replicas. A dead letter is marked before it is replayed, and the first mark of a key in the topic wins: a replica
 * replays only once it read its own mark back as the first. A crash between mark and replay leaves it marked, not
 * replayed twice.
 */
@ApplicationScoped
public class ReplayMarks {

    private static final Logger LOG = Logger.getLogger(ReplayMarks.class);

    private record Mark(Instant at, String claim) {
    }

    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    /** Marks written here and not read back yet: also keeps two requests to this replica from claiming one key. */
    private final Map<String, CompletableFuture<Mark>> claiming = new ConcurrentHashMap<>();
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

    /** When the dead letter was replayed, if it was. */
    public Optional<Instant> replayedAt(int partition, long offset) {
        return Optional.ofNullable(marks.get(key(partition, offset))).map(Mark::at);
    }

    public Uni<Void> whenLoaded() {
        return Uni.createFrom().completionStage(follower.loaded());
    }

    /** Marks a dead letter replayed now: true when this mark is the first of its key, so that the caller may replay it. */
    public Uni<Boolean> mark(int partition, long offset) {
        String key = key(partition, offset);
        CompletableFuture<Mark> readBack = new CompletableFuture<>();
        if (marks.containsKey(key) || claiming.putIfAbsent(key, readBack) != null) {
            return Uni.createFrom().item(false);
        }
        Mark mine = new Mark(Instant.now(), UUID.randomUUID().toString());
        return send(key, mine.at() + " " + mine.claim())
                .chain(() -> Uni.createFrom().completionStage(readBack))
                .map(first -> first.claim().equals(mine.claim()))
                .eventually(() -> claiming.remove(key, readBack));
    }

    /** Takes the mark back after a replay failed, so that it can be tried again. */
    public Uni<Void> unmark(int partition, long offset) {
        String key = key(partition, offset);
        return send(key, null).invoke(() -> marks.remove(key));
    }

    /**
     * Takes back the marks of dead letters that Kafka deleted (retention), given each partition's first offset: with a
     * key per dead letter, compaction alone would keep every mark for ever.
     */
    public void forgetBefore(Map<Integer, Long> firstOffsets) {
        for (String key : marks.keySet()) {
            int colon = key.indexOf(':');
            try {
                Long first = firstOffsets.get(Integer.parseInt(key.substring(0, colon)));
                if (first != null && Long.parseLong(key.substring(colon + 1)) < first) {
                    marks.remove(key);
                    send(key, null).subscribe().with(ignored -> { },
                            failure -> LOG.warnf("could not take back the mark of %s: %s", key, failure.toString()));
                }
            } catch (RuntimeException e) {
                LOG.warnf("ignoring the mark %s of %s: not partition:offset", key, Topics.BRIDGE_DEAD_LETTER_REPLAYS);
            }
        }
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
        String[] parts = record.value().split(" ", 2);
        try {
            Mark read = new Mark(Instant.parse(parts[0]), parts.length > 1 ? parts[1] : "");
            Mark existing = marks.putIfAbsent(record.key(), read);
            CompletableFuture<Mark> waiting = claiming.get(record.key());
            if (waiting != null) {
                waiting.complete(existing == null ? read : existing);
            }
        } catch (DateTimeParseException e) {
            LOG.errorf("skipping the record of %s at offset %d (key %s): not a time: %s",
                    Topics.BRIDGE_DEAD_LETTER_REPLAYS, record.offset(), record.key(), e.getMessage());
        }
    }

    private static String key(int partition, long offset) {
        return partition + ":" + offset;
    }
}
