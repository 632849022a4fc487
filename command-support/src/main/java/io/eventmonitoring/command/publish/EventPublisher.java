package io.eventmonitoring.command.publish;

import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The single path of a business event to {@code business-events}: in a Kafka transaction shared with the commands of
 * the same moment ({@link GroupCommit}), written {@code acks=all} by an idempotent producer. A command's stage
 * completes once the transaction committed, so a command answered 202 has exactly one committed record; it fails
 * with {@link EventNotAcceptedException} (503) when the event was never sent or its transaction aborted, so no
 * read-committed consumer ever sees it; and with {@link EventOutcomeUnknownException} (504) in the rare case that
 * the commit was requested but not confirmed within {@link PublishConfig#ackTimeout()}.
 *
 * <p>A plain Kafka producer rather than a messaging channel: the answers above need to know when a record joins a
 * transaction and when that transaction commits, and a channel queues records out of sight.
 */
@Startup
// The event is written with CloudEventCodec's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {CloudEvent.class, Severity.class})
@ApplicationScoped
public class EventPublisher {

    /** CloudEvents Kafka binding, structured mode: the value is a whole event in the JSON event format. */
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final RecordHeader CONTENT_TYPE =
            new RecordHeader("content-type", STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final GroupCommit transactions;

    EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                   PublishConfig config,
                   @ConfigProperty(name = "quarkus.application.name") String application) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid event publishing configuration: " + String.join("; ", problems));
        }
        String transactionalIds = application + "-" + config.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        LOG.infof("publishing business events in transactions, transactional ids %s-0 to %s-%d", transactionalIds,
                transactionalIds, config.producers() - 1);
        this.transactions = new GroupCommit(application, lane -> new KafkaProducer<>(
                producerConfig(kafka, config, application, transactionalIds + "-" + lane),
                new StringSerializer(), new StringSerializer()), GroupCommit.Settings.of(config));
    }

    /** The client settings of the platform ({@code kafka.*}), with what durability and the answers' bounds require. */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, PublishConfig config, String application,
                                              String transactionalId) {
        Map<String, Object> props = new HashMap<>(kafka);
        // Quarkus adds a consumer group id to the shared client settings; a producer has none.
        props.remove("group.id");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
        // A transaction flushes its records at once: waiting for company would only delay the commit.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    /** Emits the event, keyed {@code <domain>:<subject>}; see {@link #publish(CloudEvent, List)}. */
    public CompletionStage<CloudEvent> publish(CloudEvent event) {
        return publish(event, List.of()).answer();
    }

    /**
     * Emits the event and the given records in one transaction. The answer completes with the event once the
     * transaction committed, or fails with {@link EventNotAcceptedException} or {@link EventOutcomeUnknownException},
     * within ack-timeout and on the caller's Vert.x context when it has one. The outcome completes when Kafka decided
     * (true: committed), which may be after the answer.
     */
    public Publication publish(CloudEvent event, List<ProducerRecord<String, String>> alongside) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BUSINESS_EVENTS, null,
                event.time() == null ? null : event.time().toEpochMilli(), event.key(), CloudEventCodec.encode(event));
        record.headers().add(CONTENT_TYPE);
        List<ProducerRecord<String, String>> records = new ArrayList<>(1 + alongside.size());
        records.add(record);
        records.addAll(alongside);
        PendingCommand pending = transactions.submit(records);
        Context context = Vertx.currentContext();
        CompletableFuture<CloudEvent> answer = new CompletableFuture<>();
        pending.answer.whenComplete((ignored, failure) -> {
            if (failure != null) {
                logFailure(event, failure);
            }
            Runnable complete = failure == null ? () -> answer.complete(event) : () -> answer.completeExceptionally(failure);
            if (context == null) {
                complete.run();
            } else {
                context.runOnContext(v -> complete.run());
            }
        });
        return new Publication(answer, pending.settled);
    }

    /** What the client is told, and what Kafka decided. */
    public record Publication(CompletionStage<CloudEvent> answer, CompletionStage<Boolean> outcome) {
    }

    @PreDestroy
    void close() {
        transactions.close();
    }

    private static void logFailure(CloudEvent event, Throwable failure) {
        MDC.put("eventmonitoring.event_id", event.id());
        MDC.put("eventmonitoring.event_type", event.type());
        MDC.put("eventmonitoring.domain", event.domain());
        try {
            LOG.warnf("event %s not accepted, key %s: %s", event.id(), event.key(), failure.getMessage());
        } finally {
            MDC.remove("eventmonitoring.event_id");
            MDC.remove("eventmonitoring.event_type");
            MDC.remove("eventmonitoring.domain");
        }
    }
}
