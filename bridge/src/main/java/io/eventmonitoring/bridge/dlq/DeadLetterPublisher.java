package io.eventmonitoring.bridge.dlq;

import io.eventmonitoring.bridge.kafka.EmitterBuffer;
import io.eventmonitoring.bridge.outbox.Notification;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;

/** Writes what the bridge could not deliver to business-events-dlq: the original key and value, and why. */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON = "dlq-reason";
    public static final String CAUSE = "dlq-cause";
    public static final String SOURCE_TOPIC = "dlq-source-topic";
    public static final String SOURCE_PARTITION = "dlq-source-partition";
    public static final String SOURCE_OFFSET = "dlq-source-offset";
    public static final String CHANNEL = "dlq-channel";
    public static final String ROUTE = "dlq-route";

    /** {@code dlq-cause}: the record itself was unusable. */
    public static final String CAUSE_MALFORMED = "malformed";
    /** {@code dlq-cause}: no route, and no default route, took the event. */
    public static final String CAUSE_UNROUTABLE = "unroutable";
    /** {@code dlq-cause}: the bridge failed on this record; the reason holds the error. */
    public static final String CAUSE_FAILED = "failed";
    /** {@code dlq-cause}: Slack refused the message or stayed unreachable. */
    public static final String CAUSE_DELIVERY = "delivery";

    private final MutinyEmitter<String> emitter;

    DeadLetterPublisher(@Channel("dlq-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EmitterBuffer.SIZE)
                        MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** A record of business-events that cannot be routed. */
    public Uni<Void> deadLetter(String key, String value, String cause, String reason,
                                String sourceTopic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, REASON, reason);
        header(headers, CAUSE, cause);
        header(headers, SOURCE_TOPIC, sourceTopic);
        header(headers, SOURCE_PARTITION, Integer.toString(partition));
        header(headers, SOURCE_OFFSET, Long.toString(offset));
        return send(key, value, headers);
    }

    /** A routed event that its channel could not take. */
    public Uni<Void> deadLetter(Notification notification, String reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, REASON, reason);
        header(headers, CAUSE, CAUSE_DELIVERY);
        header(headers, SOURCE_TOPIC, notification.sourceTopic());
        header(headers, SOURCE_PARTITION, Integer.toString(notification.sourcePartition()));
        header(headers, SOURCE_OFFSET, Long.toString(notification.sourceOffset()));
        header(headers, CHANNEL, notification.channel());
        header(headers, ROUTE, notification.route());
        return send(notification.key(), notification.event(), headers);
    }

    private Uni<Void> send(String key, String value, RecordHeaders headers) {
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
