package io.eventmonitoring.bridge.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Puts business events on the real cluster, as a domain service would. */
public final class Events {

    private Events() {
    }

    public static CloudEvent event(EventType type, String marker) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("marker", marker);
        return CloudEvent.of(type, UUID.randomUUID().toString(), data);
    }

    /** An event the scenario profile routes to the channel named like the scenario. */
    public static CloudEvent scenario(String scenario, String marker) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("marker", marker).put("scenario", scenario);
        return CloudEvent.of(EventType.ORDER_CREATED, UUID.randomUUID().toString(), data);
    }

    /** An event of the entity {@code subject} that the scenario profile routes to the channel named like the scenario. */
    public static CloudEvent scenario(String scenario, EventType type, String subject, String marker) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("marker", marker).put("scenario", scenario);
        return CloudEvent.of(type, subject, data);
    }

    private static KafkaProducer<String, String> producer;

    /** One producer for the test JVM, as a domain service would have. */
    private static synchronized KafkaProducer<String, String> producer() {
        if (producer != null) {
            return producer;
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        return producer;
    }

    public static void send(CloudEvent event) {
        sendRaw(event.key(), CloudEventCodec.encode(event));
    }

    public static void sendRaw(String key, String value) {
        sendRaw(Topics.BUSINESS_EVENTS, key, value);
    }

    public static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
