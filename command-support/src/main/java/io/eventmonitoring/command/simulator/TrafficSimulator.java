package io.eventmonitoring.command.simulator;

import io.eventmonitoring.events.CloudEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Sends a random, realistic mix of commands at a configured mean rate through the same command path as the API
 * (validation, then {@link io.eventmonitoring.command.publish.EventPublisher}), so events flow without a client.
 * Its configuration is checked at startup even when it is off.
 */
@Startup
@ApplicationScoped
public class TrafficSimulator {

    static final double MAX_EVENTS_PER_SECOND = 10_000;

    private static final Logger LOG = Logger.getLogger(TrafficSimulator.class);

    private final SimulatorConfig config;
    private final TrafficMix mix;
    private final RandomGenerator random = new SplittableRandom();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ScheduledExecutorService ticks;

    TrafficSimulator(SimulatorConfig config, Instance<TrafficSource> sources) {
        List<SimulatedCommand> commands = new ArrayList<>();
        sources.forEach(source -> commands.addAll(source.commands()));
        List<String> problems = new ArrayList<>(problems(config));
        TrafficMix.Result result = TrafficMix.of(commands, config.mix());
        problems.addAll(result.problems());
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid traffic simulator configuration: " + String.join("; ", problems));
        }
        this.config = config;
        this.mix = result.mix();
    }

    static List<String> problems(SimulatorConfig config) {
        List<String> problems = new ArrayList<>();
        double rate = config.eventsPerSecond();
        if (!(rate > 0 && rate <= MAX_EVENTS_PER_SECOND)) {
            problems.add(SimulatorConfig.PREFIX + ".events-per-second must be above 0 and at most "
                    + (int) MAX_EVENTS_PER_SECOND + ", got " + rate);
        }
        if (config.maxInFlight() < 1) {
            problems.add(SimulatorConfig.PREFIX + ".max-in-flight must be at least 1, got " + config.maxInFlight());
        }
        return problems;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        LOG.infof("traffic simulator on: %.2f commands/s on average, mix %s", config.eventsPerSecond(), mix.describe());
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "traffic-simulator");
            thread.setDaemon(true);
            return thread;
        });
        scheduleNext();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (ticks != null) {
            ticks.shutdownNow();
        }
    }

    private void scheduleNext() {
        // Exponential gaps between arrivals give a Poisson process with the configured mean rate.
        double gapSeconds = -Math.log(1.0 - random.nextDouble()) / config.eventsPerSecond();
        ticks.schedule(this::tick, (long) (gapSeconds * 1_000_000_000L), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            if (inFlight.get() >= config.maxInFlight()) {
                LOG.debugf("simulated command skipped: %d still waiting for Kafka", inFlight.get());
                return;
            }
            SimulatedCommand command = mix.pick(random);
            CompletionStage<CloudEvent> sent;
            try {
                sent = command.send().apply(random);
            } catch (RuntimeException e) {
                LOG.warnf("simulated %s not sent: %s", command.name(), e.getMessage());
                return;
            }
            inFlight.incrementAndGet();
            sent.whenComplete((event, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.warnf("simulated %s not accepted: %s", command.name(), cause.getMessage());
                }
            });
        } finally {
            if (!ticks.isShutdown()) {
                scheduleNext();
            }
        }
    }
}
