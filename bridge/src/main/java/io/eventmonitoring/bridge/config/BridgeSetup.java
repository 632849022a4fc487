package io.eventmonitoring.bridge.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.delivery.DeliveryListener;
import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.delivery.Dispatcher;
import io.eventmonitoring.bridge.delivery.Threads;
import io.eventmonitoring.bridge.delivery.MessageRenderer;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.interaction.SilenceButtons;
import io.eventmonitoring.bridge.match.DomainName;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.routing.Router;
import io.eventmonitoring.bridge.slack.AppChannel;
import io.eventmonitoring.bridge.slack.BotToken;
import io.eventmonitoring.bridge.slack.PostResult;
import io.eventmonitoring.bridge.slack.SlackClient;
import io.eventmonitoring.bridge.status.ChannelStatusTracker;
import io.eventmonitoring.bridge.status.Replica;
import io.eventmonitoring.bridge.status.StatusConfig;
import io.eventmonitoring.bridge.slack.SlackConfig;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.bridge.slack.SlackWebApiClient;
import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.eventmonitoring.bridge.threads.ThreadStore;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    Dispatcher dispatcher(Validated validated, MessageRenderer renderer, SlackClient slack, SlackWebApiClient webApi,
                          ThreadStore threadStore, DeadLetterPublisher deadLetters, BridgeMetrics metrics,
                          ChannelStatusTracker status, BridgeConfig config, SlackConfig slackConfig) {
        BridgeConfig.DeliveryConfig delivery = config.delivery();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bridge-delivery"));
        Dispatcher dispatcher = new Dispatcher(validated.channels(), validated.threading(), renderer,
                new Dispatcher.Poster() {
                    @Override
                    public CompletionStage<PostResult> post(ChannelLane channel, SlackMessage message,
                                                            Optional<String> threadTs, boolean replyBroadcast) {
                        return (channel.destination() instanceof AppChannel app
                                ? webApi.postMessage(app, message, threadTs, replyBroadcast)
                                : slack.post((WebhookUrl) channel.destination(), message)).subscribeAsCompletionStage();
                    }

                    @Override
                    public CompletionStage<PostResult> update(ChannelLane channel, String ts, SlackMessage message) {
                        return webApi.update((AppChannel) channel.destination(), ts, message).subscribeAsCompletionStage();
                    }
                },
                new Threads() {
                    @Override
                    public boolean loaded() {
                        return threadStore.loaded();
                    }

                    @Override
                    public Optional<String> root(String channel, String entity, long now) {
                        return threadStore.root(channel, entity, now).map(ThreadStore.SlackThread::ts);
                    }

                    @Override
                    public void remember(String channel, String entity, String slackChannelId, String ts, long now) {
                        threadStore.remember(channel, entity, new ThreadStore.SlackThread(slackChannelId, ts, now));
                    }

                    @Override
                    public void forget(String channel, String entity) {
                        threadStore.forget(channel, entity);
                    }
                },
                (notification, reason) -> deadLetters.deadLetter(notification, reason).subscribeAsCompletionStage(),
                DeliveryListener.all(metrics, status),
                new Dispatcher.Settings(delivery.slowDownFactor(), delivery.maxSlowDown(), delivery.initialBackoff(),
                        delivery.maxBackoff(), delivery.giveUpAfter(), delivery.maxQueued(), delivery.dedupCapacity(),
                        slackConfig.postBudget(), slackConfig.editBudget(), slackConfig.digestEditWindow()),
                executor, System::currentTimeMillis);
        long reload = slackConfig.tokenReloadInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> resumeOnNewToken(validated, dispatcher), reload, reload, TimeUnit.MILLISECONDS);
        return dispatcher;
    }

    /** A rotated token file (a Kubernetes Secret updated in place) resumes the channels that were paused for their token. */
    private static void resumeOnNewToken(Validated validated, Dispatcher dispatcher) {
        Map<BotToken, Boolean> changed = new IdentityHashMap<>();
        validated.channels().values().forEach(channel -> channel.token()
                .filter(token -> changed.computeIfAbsent(token, BotToken::reload))
                .ifPresent(token -> dispatcher.resume(channel.name())));
    }

    void stop(@Disposes Dispatcher dispatcher) {
        dispatcher.shutdown();
    }
}
