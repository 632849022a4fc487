package io.eventmonitoring.bridge.delivery;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** Tells the dispatcher which outbox partitions (and so which channels) this replica no longer owns. */
@ApplicationScoped
@Identifier(OutboxRebalanceListener.NAME)
public class OutboxRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "bridge-outbox-rebalance";

    private static final Logger LOG = Logger.getLogger(OutboxRebalanceListener.class);

    private final Dispatcher dispatcher;

    OutboxRebalanceListener(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> revoked = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        if (!revoked.isEmpty()) {
            LOG.infof("outbox partitions %s revoked: their waiting notifications go to the new owner", revoked);
            dispatcher.revoke(revoked);
        }
    }
}
