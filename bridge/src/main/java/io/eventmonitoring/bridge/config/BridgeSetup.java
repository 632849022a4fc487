package io.eventmonitoring.bridge.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.delivery.DeliveryListener;
import io.eventmonitoring.bridge.delivery.Dispatcher;
import io.eventmonitoring.bridge.delivery.MessageRenderer;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.interaction.SilenceButtons;
import io.eventmonitoring.bridge.match.DomainName;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.routing.Router;
import io.eventmonitoring.bridge.slack.SlackClient;
import io.eventmonitoring.bridge.status.ChannelStatusTracker;
import io.eventmonitoring.bridge.status.Replica;
import io.eventmonitoring.bridge.status.StatusConfig;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** Wires the plain routing and delivery classes from validated configuration; bad configuration stops startup. */
@ApplicationScoped
public class BridgeSetup {

    @Produces
    @Singleton
    @Startup
    Validated validated(BridgeConfig config, Engine engine) {
        return new BridgeConfigValidator(engine).validate(config);
    }

    @Produces
    @Singleton
    Router router(Validated validated) {
        return validated.router();
    }

    @Produces
    @Singleton
    SilenceButtons silenceButtons(Validated validated) {
        return new SilenceButtons(validated.routeButtons(), validated.channels().keySet());
    }

    @Produces
    @Singleton
    MessageRenderer renderer(Validated validated, ObjectMapper mapper, Engine engine, SilenceButtons buttons) {
        // Any domain may have a template of its name; one that has none is shown with the generic one.
        Function<String, Optional<Template>> domainTemplates = domain -> DomainName.isValid(domain)
                && engine.locate("slack/" + domain).isPresent()
                ? Optional.ofNullable(engine.getTemplate("slack/" + domain)) : Optional.empty();
        return new MessageRenderer(mapper, validated.routeTemplates(), domainTemplates, engine.getTemplate("slack/event"),
                buttons);
    }

    @Produces
    @Singleton
    ChannelStatusTracker statusTracker(Validated validated, StatusConfig status) {
        return new ChannelStatusTracker(Replica.name(status), validated.channels().keySet(), status.deliveries(),
                status.keepalive(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    Dispatcher dispatcher(Validated validated, MessageRenderer renderer, SlackClient slack,
                          DeadLetterPublisher deadLetters, BridgeMetrics metrics, ChannelStatusTracker status,
                          BridgeConfig config) {
        BridgeConfig.DeliveryConfig delivery = config.delivery();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bridge-delivery"));
        return new Dispatcher(validated.channels(), renderer,
                (channel, message) -> slack.post(channel.webhook(), message).subscribeAsCompletionStage(),
                (notification, reason) -> deadLetters.deadLetter(notification, reason).subscribeAsCompletionStage(),
                DeliveryListener.all(metrics, status),
                new Dispatcher.Settings(delivery.slowDownFactor(), delivery.maxSlowDown(), delivery.initialBackoff(),
                        delivery.maxBackoff(), delivery.giveUpAfter(), delivery.maxQueued(), delivery.dedupCapacity()),
                executor, System::currentTimeMillis);
    }

    void stop(@Disposes Dispatcher dispatcher) {
        dispatcher.shutdown();
    }
}
