package io.eventmonitoring.bridge.routing;

import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.OutboxWriter;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.MalformedEventException;
import io.eventmonitoring.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
     * An event Kafka took can still be too large for the bridge's own records: its outbox record or dead letter adds a
     * little to it, and a write Kafka refuses would fail the whole batch, again after every restart. Well below the
     * brokers' default 1 MB, so that the wrapping always fits.
     */
    static final int MAX_EVENT_BYTES = 1_000_000;
    /** What a dead letter keeps of a too large event: the whole of it stays at its source offset. */
    static final int TOO_LARGE_KEPT = 100_000;

    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final Router router;
    private final SilenceStore silences;
    private final RouteNotifications routeNotifications;
    private final OutboxWriter outbox;
    private final DeadLetterPublisher deadLetters;
    private final BridgeMetrics metrics;

    RoutingStage(Router router, SilenceStore silences, RouteNotifications routeNotifications, OutboxWriter outbox,
                 DeadLetterPublisher deadLetters, BridgeMetrics metrics) {
        this.router = router;
        this.silences = silences;
        this.routeNotifications = routeNotifications;
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
        writes.addAll(outbox.publish(notifications));
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
        List<Notification> routed = routeNotifications.notifications(event, routes, record.getKey(), record.getPayload(),
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
}
