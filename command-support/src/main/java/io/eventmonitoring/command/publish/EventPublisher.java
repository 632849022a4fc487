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
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The single path of a business event to {@code business-events}: completes only once Kafka acknowledged the
 * record ({@code acks=all}, idempotent producer), so a command answered 202 is durable; fails with
 * {@link EventNotAcceptedException} within {@link PublishConfig#ackTimeout()} otherwise, and then nothing of it
 * is left in the producer to be written later (see {@link PublishConfig}).
 *
 * <p>A plain Kafka producer rather than a messaging channel: the bound above needs to know when a record is
 * handed to the producer, and a channel queues records out of sight before that.
 */
@Startup
// The event is written with CloudEventCodec's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {CloudEvent.class, Severity.class})
@ApplicationScoped
public class EventPublisher {

    /** CloudEvents Kafka binding, structured mode: the value is a whole event in the JSON event format. */
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final PublishConfig config;
    private final Producer<String, String> producer;
    /** Hands records over one at a time, off the event loop: {@code send} may block up to max-block. */
    private final ExecutorService handOver;
    private final long handOverBudgetNanos;

    EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                   PublishConfig config,
                   @ConfigProperty(name = "quarkus.application.name") String application) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid event publishing configuration: " + String.join("; ", problems));
        }
        this.config = config;
        this.handOverBudgetNanos = config.handOverBudget().toNanos();
        this.producer = new KafkaProducer<>(producerConfig(kafka, config, application),
                new StringSerializer(), new StringSerializer());
        this.handOver = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "event-publisher-hand-over");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The client settings of the platform ({@code kafka.*}), with what durability and the time bound require. */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, PublishConfig config, String application) {
        Map<String, Object> props = new HashMap<>(kafka);
        // Quarkus adds a consumer group id to the shared client settings; a producer has none.
        props.remove("group.id");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-business-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        return props;
    }

    /**
     * Emits the event, keyed {@code <domain>:<subject>}. The stage completes with the event once the in-sync replicas
     * have it, or fails with an {@link EventNotAcceptedException} once the record can no longer be written; either on
     * the caller's Vert.x context when it has one.
     *
     * <p>A plain {@link CompletionStage} rather than a Mutiny {@code Uni}: Quarkus wraps every {@code Uni} callback
     * in context propagation (about 3 % of the service's CPU under load, in a profile), and a command needs none.
     */
    public CompletionStage<CloudEvent> publish(CloudEvent event) {
        long submitted = System.nanoTime();
        CompletableFuture<CloudEvent> result = new CompletableFuture<>();
        Completion completion = new Completion(result, Vertx.currentContext(), event);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BUSINESS_EVENTS, null,
                event.time() == null ? null : event.time().toEpochMilli(), event.key(), CloudEventCodec.encode(event));
        record.headers().add(new RecordHeader("content-type", STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        try {
            handOver.execute(() -> send(record, submitted, completion));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new EventNotAcceptedException("the service is shutting down", e));
        }
        return result;
    }

    private void send(ProducerRecord<String, String> record, long submitted, Completion completion) {
        long waited = System.nanoTime() - submitted;
        if (waited > handOverBudgetNanos) {
            // Handing it over now could let the producer write it after the command was answered.
            completion.failed(new EventNotAcceptedException("waited " + TimeUnit.NANOSECONDS.toMillis(waited)
                    + " ms to be handed to Kafka; the producer is saturated or blocked", null));
            return;
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    completion.acknowledged();
                } else {
                    completion.failed(new EventNotAcceptedException("Kafka did not accept the event: " + error, error));
                }
            });
        } catch (RuntimeException e) {
            completion.failed(new EventNotAcceptedException("the event could not be handed to Kafka: " + e, e));
        }
    }

    @PreDestroy
    void close() {
        handOver.shutdown();
        try {
            handOver.awaitTermination(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Records already handed over get their answer (ack or failure) before the producer goes.
        producer.close(config.maxBlock().plus(config.deliveryTimeout()).plus(Duration.ofSeconds(1)));
    }

    /** Answers the command on the Vert.x context it came from, not on Kafka's network thread. */
    private record Completion(CompletableFuture<CloudEvent> result, Context context, CloudEvent event) {

        void acknowledged() {
            if (LOG.isDebugEnabled()) {
                withEventFields(() -> LOG.debugf("event %s accepted, key %s", event.id(), event.key()));
            }
            run(() -> result.complete(event));
        }

        void failed(EventNotAcceptedException failure) {
            withEventFields(() -> LOG.warnf("event %s not accepted, key %s: %s", event.id(), event.key(),
                    failure.getMessage()));
            run(() -> result.completeExceptionally(failure));
        }

        private void run(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }

        private void withEventFields(Runnable log) {
            MDC.put("eventmonitoring.event_id", event.id());
            MDC.put("eventmonitoring.event_type", event.type());
            MDC.put("eventmonitoring.domain", event.domain());
            try {
                log.run();
            } finally {
                MDC.remove("eventmonitoring.event_id");
                MDC.remove("eventmonitoring.event_type");
                MDC.remove("eventmonitoring.domain");
            }
        }
    }
}
