package io.eventmonitoring.bridge.outbox;

import io.eventmonitoring.bridge.kafka.EmitterBuffer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes routed notifications to bridge-outbox: one record per channel (more for large bursts), keyed by channel so
 * that one delivery consumer owns each channel.
 */
@ApplicationScoped
public class OutboxWriter {

    /**
     * Characters of events per outbox record: a burst of large events is split over several records, well below the
     * brokers' default 1 MB message limit.
     */
    static final int OUTBOX_RECORD_BUDGET = 256 * 1024;

    private final MutinyEmitter<String> outbox;

    OutboxWriter(@Channel("outbox-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EmitterBuffer.SIZE) MutinyEmitter<String> outbox) {
        this.outbox = outbox;
    }

    /** The writes of the notifications' records; each completes when Kafka acknowledged its record. */
    public List<Uni<Void>> publish(List<Notification> notifications) {
        List<Uni<Void>> writes = new ArrayList<>();
        outboxRecords(notifications).forEach((channel, records) -> records.forEach(record ->
                writes.add(outbox.sendMessage(Message.of(OutboxCodec.encode(record))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(channel).build())))));
        return writes;
    }

    /** Asks the channel's owner, through its outbox partition, to resume the channel; completes when Kafka has it. */
    public Uni<Void> requestResume(String channel) {
        return outbox.sendMessage(Message.of(OutboxCodec.encode(OutboxRecord.resumeRequest()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(channel).build()));
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
