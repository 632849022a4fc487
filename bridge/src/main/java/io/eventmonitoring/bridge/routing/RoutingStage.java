package io.eventmonitoring.bridge.routing;

import io.eventmonitoring.bridge.delivery.Notification;
import io.eventmonitoring.bridge.delivery.OutboxCodec;
import io.eventmonitoring.bridge.delivery.OutboxRecord;
import io.eventmonitoring.bridge.dlq.DeadLetter;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.MalformedEventException;
import io.eventmonitoring.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The routing stage: reads business-events, writes a notification per matching route to the outbox (one record per
 * channel and batch, keyed by channel), dead-letters what cannot be routed, and commits a batch only once all of that
 * is on Kafka.
 */
@ApplicationScoped
public class RoutingStage {

    private static final Logger LOG = Logger.getLogger(RoutingStage.class);

    private static final int MAX_BATCHES_IN_FLIGHT = 8;
    /**
     * Characters of events per outbox record: a burst of large events is split over several records, well below the
     * brokers' default 1 MB message limit.
     */
    static final int OUTBOX_RECORD_BUDGET = 256 * 1024;
    /**
     * An event Kafka took can still be too large for the bridge's own records: its outbox record or dead letter adds a
     * little to it, and a write Kafka refuses would fail the whole batch, again after every restart. Well below the
     * brokers' default 1 MB, so that the wrapping always fits.
     */
    static final int MAX_EVENT_BYTES = 1_000_000;
    /** What a dead letter keeps of a too large event: the whole of it stays at its source offset. */
    static final int TOO_LARGE_KEPT = 100_000;
    /** Room for the outbox records (one per channel) and dead letters of the batches in flight. */
    public static final int EMITTER_BUFFER = 16_384;

    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final Router router;
    private final SilenceStore silences;
    private final MutinyEmitter<String> outbox;
    private final DeadLetterPublisher deadLetters;
    private final BridgeMetrics metrics;

    RoutingStage(Router router, SilenceStore silences, @Channel("outbox-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) MutinyEmitter<String> outbox,
                 DeadLetterPublisher deadLetters, BridgeMetrics metrics) {
        this.router = router;
        this.silences = silences;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming(Topics.BUSINESS_EVENTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> route(KafkaRecordBatch<String, String> batch) {
        return silences.whenLoaded().chain(() -> pipelined(routeAll(batch)));
    }

    /**
     * Lets the next batch be routed while earlier ones wait for Kafka's acknowledgements, up to a bound: offsets are
     * still committed only once a batch's writes are acknowledged (the commit strategy takes acks in any order).
     */
    private synchronized Uni<Void> pipelined(Uni<Void> routing) {
        inFlight.removeIf(CompletableFuture::isDone);
        inFlight.add(routing.subscribeAsCompletionStage());
        if (inFlight.size() < MAX_BATCHES_IN_FLIGHT) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(inFlight.peek()).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> routeAll(KafkaRecordBatch<String, String> batch) {
        List<Uni<Void>> writes = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            route((IncomingKafkaRecord<String, String>) record, notifications, writes);
        }
        writes.addAll(publish(notifications));
        Uni<Void> all = writes.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(writes).andCollectFailures().replaceWithVoid();
        return all.onItemOrFailure().transformToUni((ok, failure) -> Uni.createFrom().completionStage(
                failure == null ? batch.ack() : batch.nack(failure)));
    }

    /**
     * Adds the record's notifications, or the write of its dead letter. Whatever fails for one record (a bug, an odd
     * event) dead-letters that record only: the stage goes on with the batch and the next ones.
     */
    private void route(IncomingKafkaRecord<String, String> record, List<Notification> notifications, List<Uni<Void>> writes) {
        try {
            routeOne(record, notifications, writes);
        } catch (RuntimeException e) {
            String reason = "routing failed: " + e;
            LOG.errorf(e, "dead-lettering the record at %s partition %d offset %d: routing it failed",
                    record.getTopic(), record.getPartition(), record.getOffset());
            metrics.unroutable(null, null, reason);
            writes.add(deadLetters.deadLetter(record.getKey(), record.getPayload(), DeadLetterPublisher.CAUSE_FAILED,
                    reason, record.getTopic(), record.getPartition(), record.getOffset()));
        }
    }

    private void routeOne(IncomingKafkaRecord<String, String> record, List<Notification> notifications, List<Uni<Void>> writes) {
        int bytes = sizeIfLarge(record.getPayload());
        if (bytes > MAX_EVENT_BYTES) {
            String reason = "an event of " + bytes + " bytes is larger than the bridge routes (" + MAX_EVENT_BYTES
                    + "); the dead letter holds its first " + TOO_LARGE_KEPT + " characters";
            metrics.unroutable(null, null, reason);
            writes.add(deadLetters.deadLetter(record.getKey(), record.getPayload().substring(0, TOO_LARGE_KEPT),
                    DeadLetterPublisher.CAUSE_MALFORMED, reason, record.getTopic(), record.getPartition(), record.getOffset()));
            return;
        }
        CloudEvent event;
        try {
            event = CloudEventCodec.decode(record.getPayload());
        } catch (MalformedEventException e) {
            metrics.unroutable(null, null, e.getMessage());
            writes.add(deadLetters.deadLetter(record.getKey(), record.getPayload(),
                    DeadLetterPublisher.CAUSE_MALFORMED, e.getMessage(),
                    record.getTopic(), record.getPartition(), record.getOffset()));
            return;
        }
        metrics.received(event.domain());
        List<Route> routes = router.routesFor(event);
        if (routes.isEmpty()) {
            String reason = "no route matches domain '" + event.domain() + "' type '" + event.type()
                    + "' and there is no default route";
            metrics.unroutable(event.id(), event.type(), reason);
            writes.add(deadLetters.deadLetter(record.getKey(), record.getPayload(),
                    DeadLetterPublisher.CAUSE_UNROUTABLE, reason,
                    record.getTopic(), record.getPartition(), record.getOffset()));
            return;
        }
        // Computed whole before it is added, so that a record that fails half-way is only dead-lettered.
        List<Notification> routed = notifications(event, routes, record.getKey(), record.getPayload(),
                record.getTopic(), record.getPartition(), record.getOffset());
        notifications.addAll(routed);
    }

    /** The value's UTF-8 size when it may exceed {@link #MAX_EVENT_BYTES} (3 bytes a character at most), else 0. */
    private static int sizeIfLarge(String value) {
        if (value == null || (long) value.length() * 3 <= MAX_EVENT_BYTES) {
            return 0;
        }
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private List<Notification> notifications(CloudEvent event, List<Route> routes, String key, String value,
                                             String sourceTopic, int partition, long offset) {
        List<Notification> notifications = new ArrayList<>();
        for (Route route : routes) {
            if (silences.silenced(event, route.name(), route.channel())) {
                metrics.silenced(route.name(), route.channel(), event.id(), event.type());
                continue;
            }
            metrics.routed(route.name(), route.channel());
            notifications.add(new Notification(event.id(), route.name(), route.channel(), key, event.type(),
                    event.severity().value(), value, sourceTopic, partition, offset));
        }
        return notifications;
    }

    /**
     * Sends a dead letter through again, once its cause is fixed: a delivery failure goes back to its channel, anything
     * else is routed anew. Returns the channels it went to.
     */
    public Uni<List<String>> replay(DeadLetter letter) {
        CloudEvent event = CloudEventCodec.decode(letter.value());
        List<Route> routes;
        if (DeadLetterPublisher.CAUSE_DELIVERY.equals(letter.cause()) && letter.channel() != null) {
            routes = List.of(router.routes().stream()
                    .filter(r -> r.name().equals(letter.route()) && r.channel().equals(letter.channel()))
                    .findFirst()
                    .orElse(new Route(letter.route(), letter.channel(), Optional.empty(), List.of(),
                            Set.of(), Map.of(), false)));
        } else {
            routes = router.routesFor(event);
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("still no route matches domain '" + event.domain() + "' type '"
                        + event.type() + "'");
            }
        }
        List<Uni<Void>> writes = publish(notifications(event, routes, letter.key(), letter.value(), Topics.BUSINESS_EVENTS_DLQ,
                letter.partition(), letter.offset()));
        List<String> channels = routes.stream().map(Route::channel).distinct().toList();
        return writes.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(writes).andFailFast().replaceWith(channels);
    }

    /** One outbox record per channel (more for large bursts), keyed by channel so one delivery consumer owns each channel. */
    private List<Uni<Void>> publish(List<Notification> notifications) {
        List<Uni<Void>> writes = new ArrayList<>();
        outboxRecords(notifications).forEach((channel, records) -> records.forEach(record ->
                writes.add(outbox.sendMessage(Message.of(OutboxCodec.encode(record))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(channel).build())))));
        return writes;
    }

    /** Groups notifications by channel, in order, into records of at most {@link #OUTBOX_RECORD_BUDGET} event characters (or one event). */
    static Map<String, List<OutboxRecord>> outboxRecords(List<Notification> notifications) {
        Map<String, List<Notification>> byChannel = new LinkedHashMap<>();
        for (Notification notification : notifications) {
            byChannel.computeIfAbsent(notification.channel(), c -> new ArrayList<>()).add(notification);
        }
        Map<String, List<OutboxRecord>> records = new LinkedHashMap<>();
        byChannel.forEach((channel, list) -> records.put(channel, withinBudget(list)));
        return records;
    }

    private static List<OutboxRecord> withinBudget(List<Notification> notifications) {
        List<OutboxRecord> records = new ArrayList<>();
        List<Notification> current = new ArrayList<>();
        int size = 0;
        for (Notification notification : notifications) {
            if (!current.isEmpty() && size + notification.event().length() > OUTBOX_RECORD_BUDGET) {
                records.add(new OutboxRecord(current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(notification);
            size += notification.event().length();
        }
        records.add(new OutboxRecord(current));
        return records;
    }
}
