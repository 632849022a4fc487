package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.OutboxCodec;
import io.eventmonitoring.bridge.outbox.OutboxRecord;
import io.eventmonitoring.events.Topics;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The delivery stage: reads the outbox (each channel's partition is owned by one consumer in the group) and hands
 * notifications to the {@link Dispatcher}; a record is acknowledged when the dispatcher says all of its notifications
 * are delivered or dead-lettered.
 */
@ApplicationScoped
public class DeliveryStage {

    private static final Logger LOG = Logger.getLogger(DeliveryStage.class);

    private final Dispatcher dispatcher;
    private final DeadLetterPublisher deadLetters;

    DeliveryStage(Dispatcher dispatcher, DeadLetterPublisher deadLetters) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.BRIDGE_OUTBOX)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> deliver(IncomingKafkaRecord<String, String> record) {
        OutboxRecord outboxRecord;
        try {
            outboxRecord = OutboxCodec.decode(record.getPayload());
        } catch (RuntimeException e) {
            String reason = "not an outbox record: " + e.getMessage();
            LOG.warnf("dead-lettering outbox record at partition %d offset %d: %s",
                    record.getPartition(), record.getOffset(), reason);
            return deadLetters.deadLetter(record.getKey(), record.getPayload(), DeadLetterPublisher.CAUSE_MALFORMED,
                            reason, record.getTopic(), record.getPartition(), record.getOffset())
                    .subscribeAsCompletionStage()
                    .thenCompose(ignored -> record.ack());
        }
        if (outboxRecord.resume()) {
            return dispatcher.resume(record.getKey()).thenCompose(reason -> record.ack());
        }
        List<Notification> notifications = outboxRecord.notifications();
        if (notifications == null || notifications.isEmpty()) {
            return record.ack();
        }
        return dispatcher.offer(notifications, record.getPartition(), () -> record.ack());
    }
}
