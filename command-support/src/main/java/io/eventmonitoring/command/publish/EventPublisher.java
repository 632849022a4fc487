package io.eventmonitoring.command.publish;

import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Emits a business event on {@code business-events} and completes only once Kafka acknowledged it
 * ({@code acks=all}, idempotent producer), so a command answered 202 is durable.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final PublishConfig config;

    EventPublisher(@Channel(Topics.BUSINESS_EVENTS) MutinyEmitter<String> emitter, PublishConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public Uni<CloudEvent> publish(CloudEvent event) {
        Message<String> message = Message.of(CloudEventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(config.ackTimeout()).failWith(() -> new EventNotAcceptedException(
                        "Kafka did not acknowledge the event within " + config.ackTimeout().toMillis() + " ms", null))
                .onFailure(f -> !(f instanceof EventNotAcceptedException))
                .transform(f -> new EventNotAcceptedException("Kafka did not accept the event", f))
                .onFailure().invoke(f -> LOG.warnf("event not accepted: id=%s type=%s key=%s reason=%s",
                        event.id(), event.type(), event.key(), f.getMessage()))
                .replaceWith(event);
    }
}
