package io.eventmonitoring.bridge.threads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.kafka.TopicFollower;
import io.eventmonitoring.bridge.slack.SlackConfig;
import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Slack thread of each entity of an app channel: (channel, entity) to the root message's ts, in the compacted
 * topic bridge-slack-threads (key {@code <channel>|<entity>}). Every replica reads the whole topic and keeps following
 * it, so whichever replica owns a channel next finds its threads; only a channel's delivery owner writes them. A thread
 * older than {@code bridge.slack.thread-max-age} is forgotten: its entity's next event starts a new one, and a
 * tombstone lets compaction drop it (written by the owner when it looks the thread up, or by a periodic sweep on any
 * replica for threads no event asks for again; a tombstone written twice is harmless).
 */
@ApplicationScoped
public class ThreadStore {

    private static final Logger LOG = Logger.getLogger(ThreadStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A thread: the Slack channel id and ts of its root, and when the root was posted (epoch millis). */
    public record SlackThread(String channelId, String ts, long at) {
    }

    private static final String TOMBSTONE = "";

    private final Map<String, SlackThread> threads = new ConcurrentHashMap<>();
    /** What this replica last wrote per key and has not read back: older records of the key must not undo it. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private final MutinyEmitter<String> emitter;
    private final TopicFollower follower;
    private final Duration maxAge;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slack-threads-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    ThreadStore(@Channel("threads-out") MutinyEmitter<String> emitter,
                @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, SlackConfig config) {
        this.emitter = emitter;
        this.maxAge = config.threadMaxAge();
        this.follower = new TopicFollower(Topics.BRIDGE_SLACK_THREADS, kafkaConfig, this::apply);
    }

    void start(@Observes StartupEvent ignored) {
        follower.loaded().thenRun(() -> LOG.infof("slack threads loaded: %d", threads.size()));
        follower.start();
        long every = Math.max(1_000, Math.min(maxAge.toMillis() / 10, Duration.ofHours(1).toMillis()));
        sweeper.scheduleWithFixedDelay(() -> sweep(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        sweeper.shutdownNow();
        follower.stop();
    }

    /** Tombstones every thread older than the maximum age. */
    void sweep(long now) {
        if (!loaded()) {
            return;
        }
        threads.forEach((key, thread) -> {
            if (now - thread.at() >= maxAge.toMillis() && threads.remove(key, thread)) {
                send(key, null);
            }
        });
    }

    /** Whether the topic was read to its end once since startup: no channel posts a root before. */
    public boolean loaded() {
        return follower.loaded().isDone();
    }

    /** The root of the entity's thread on the channel, unless it has none or it expired (then it is tombstoned). */
    public Optional<SlackThread> root(String channel, String entity, long now) {
        String key = key(channel, entity);
        SlackThread thread = threads.get(key);
        if (thread == null) {
            return Optional.empty();
        }
        if (now - thread.at() >= maxAge.toMillis()) {
            threads.remove(key);
            send(key, null);
            return Optional.empty();
        }
        return Optional.of(thread);
    }

    /** Remembers a root just posted: here at once, on Kafka for the channel's next owner. */
    public CompletionStage<Void> remember(String channel, String entity, SlackThread thread) {
        String key = key(channel, entity);
        threads.put(key, thread);
        return send(key, MAPPER.createObjectNode().put("channelId", thread.channelId()).put("ts", thread.ts())
                .put("at", thread.at()).toString());
    }

    /** Forgets a thread whose root Slack no longer has: the entity's next event starts a new one. */
    public CompletionStage<Void> forget(String channel, String entity) {
        String key = key(channel, entity);
        threads.remove(key);
        return send(key, null);
    }

    private CompletionStage<Void> send(String key, String value) {
        written.put(key, value == null ? TOMBSTONE : value);
        return emitter.sendMessage(Message.of(value).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .onFailure().invoke(e -> LOG.warnf("writing the slack thread %s failed: %s", key, e.toString()))
                .onFailure().recoverWithNull()
                .subscribeAsCompletionStage();
    }

    private static String key(String channel, String entity) {
        return channel + "|" + entity;
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        String mine = written.get(record.key());
        if (mine != null) {
            if (!mine.equals(record.value() == null ? TOMBSTONE : record.value())) {
                return;
            }
            written.remove(record.key(), mine);
        }
        if (record.value() == null) {
            threads.remove(record.key());
            return;
        }
        try {
            JsonNode value = MAPPER.readTree(record.value());
            threads.put(record.key(), new SlackThread(value.path("channelId").asText(), value.path("ts").asText(),
                    value.path("at").asLong()));
        } catch (IOException e) {
            LOG.errorf("skipping the record of %s at offset %d (key %s), not a slack thread: %s",
                    Topics.BRIDGE_SLACK_THREADS, record.offset(), record.key(), e.getMessage());
        }
    }
}
