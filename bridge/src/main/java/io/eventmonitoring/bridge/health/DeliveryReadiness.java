package io.eventmonitoring.bridge.health;

import io.eventmonitoring.bridge.delivery.Dispatcher;
import io.eventmonitoring.bridge.silence.SilenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ready when the delivery stage can work: its thread answers, and the silences were read, so that nothing is posted
 * that an operator silenced before a restart. Channels paused for their bot token are listed in the details. Kafka itself is checked by the Kafka and messaging health checks.
 */
@Readiness
@ApplicationScoped
public class DeliveryReadiness implements HealthCheck {

    private final Dispatcher dispatcher;
    private final SilenceStore silences;

    DeliveryReadiness(Dispatcher dispatcher, SilenceStore silences) {
        this.dispatcher = dispatcher;
        this.silences = silences;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("bridge-delivery").withData("silences-loaded", silences.loaded());
        try {
            int queued = dispatcher.queued().toCompletableFuture().get(2, TimeUnit.SECONDS);
            // A channel paused for its bot token is reported, but leaves the pod ready: the other channels still post.
            Map<String, String> paused = dispatcher.paused().toCompletableFuture().get(2, TimeUnit.SECONDS);
            paused.forEach((channel, reason) -> response.withData("paused-channel." + channel, reason));
            return response.withData("queued-events", queued).status(silences.loaded()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.withData("dispatcher", "not answering: " + e.getClass().getSimpleName()).down().build();
        }
    }
}
