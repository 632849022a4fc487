package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.delivery.ChannelActivity;
import io.eventmonitoring.bridge.delivery.Dispatcher;
import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishes the status of the channels this replica owns to bridge-status, every publish interval for those that
 * changed (and on taking a channel over, and as a keepalive), and this replica's route counters alike. A channel is
 * owned by the replica that holds its bridge-outbox partition, the partition Kafka's producer picks for the channel as
 * key.
 */
@ApplicationScoped
public class StatusPublisher {

    private static final Logger LOG = Logger.getLogger(StatusPublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record Assignment(Set<Integer> partitions, int partitionCount) {
    }

    private final ChannelStatusTracker tracker;
    private final ReplicaCounters counters;
    private final Dispatcher dispatcher;
    private final StatusStore store;
    private final KafkaClientService kafka;
    private final MutinyEmitter<String> emitter;
    private final Duration interval;
    private final Set<ReplicaStatus> forgotten = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bridge-status");
        thread.setDaemon(true);
        return thread;
    });

    StatusPublisher(ChannelStatusTracker tracker, ReplicaCounters counters, Dispatcher dispatcher, StatusStore store,
                    KafkaClientService kafka, @Channel("status-out") MutinyEmitter<String> emitter, StatusConfig config) {
        this.tracker = tracker;
        this.counters = counters;
        this.dispatcher = dispatcher;
        this.store = store;
        this.kafka = kafka;
        this.emitter = emitter;
        this.interval = config.publishInterval();
    }

    void start(@Observes StartupEvent ignored) {
        executor.scheduleWithFixedDelay(this::publishDue, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        executor.shutdownNow();
    }

    /** The outbox partition of a channel: the one Kafka's default partitioner picks for the channel as record key. */
    static int partitionOf(String channel, int partitions) {
        return Utils.toPositive(Utils.murmur2(channel.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void publishDue() {
        // A new owner's history starts from what the topic holds: wait until it was read.
        if (!store.loaded()) {
            return;
        }
        try {
            counters.due(Instant.now()).ifPresent(this::publish);
            forgetGoneReplicas();
            Set<String> owned = owned();
            Map<String, ChannelActivity> activity = dispatcher.activity().toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            tracker.due(owned, activity, store::latest).forEach(this::publish);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (executor.isShutdown()) {
                return;
            }
            LOG.warnf("publishing the channel status failed, trying again in %d ms: %s", interval.toMillis(), e.toString());
        }
    }

    private Set<String> owned() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(Topics.BRIDGE_OUTBOX);
        if (consumer == null) {
            return Set.of();
        }
        Function<Consumer<Object, Object>, Assignment> read = c -> new Assignment(
                c.assignment().stream().filter(p -> p.topic().equals(Topics.BRIDGE_OUTBOX))
                        .map(TopicPartition::partition).collect(Collectors.toSet()),
                c.partitionsFor(Topics.BRIDGE_OUTBOX).size());
        Assignment assignment = consumer.runOnPollingThread(read).await().atMost(TIMEOUT);
        if (assignment.partitions().isEmpty()) {
            return Set.of();
        }
        return tracker.channels().stream()
                .filter(channel -> assignment.partitions().contains(partitionOf(channel, assignment.partitionCount())))
                .collect(Collectors.toSet());
    }

    /**
     * Any replica may tombstone a replica gone for good, once per record it read: two replicas doing it is harmless,
     * and a replica that comes back publishes again.
     */
    private void forgetGoneReplicas() {
        for (String replica : counters.gone()) {
            String key = ReplicaStatus.key(replica);
            ReplicaStatus record = store.replicas().get(key);
            if (record != null && forgotten.add(record)) {
                LOG.infof("forgetting the route counters of replica %s, last published %s", replica, record.publishedAt());
                send(key, null, failure -> {
                    forgotten.remove(record);
                    LOG.warnf("forgetting replica %s failed, trying again: %s", replica, failure.toString());
                });
            }
        }
    }

    private void publish(ChannelStatus status) {
        send(status.channel(), StatusCodec.encode(status), failure -> {
            tracker.unpublished(status.channel());
            LOG.warnf("publishing the status of channel %s failed, trying again: %s", status.channel(), failure.toString());
        });
    }

    private void publish(ReplicaStatus replica) {
        send(ReplicaStatus.key(replica.replica()), StatusCodec.encode(replica), failure -> {
            counters.unpublished();
            LOG.warnf("publishing this replica's route counters failed, trying again: %s", failure.toString());
        });
    }

    private void send(String key, String value, java.util.function.Consumer<Throwable> unpublished) {
        try {
            emitter.sendMessage(Message.of(value).addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                    .subscribe().with(ok -> { }, unpublished);
        } catch (RuntimeException e) {
            unpublished.accept(e);
        }
    }
}
