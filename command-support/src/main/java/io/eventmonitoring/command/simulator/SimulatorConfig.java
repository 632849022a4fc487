package io.eventmonitoring.command.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** The traffic simulator: off unless enabled (env EVENTMONITORING_SIMULATOR_ENABLED=true). */
@ConfigMapping(prefix = SimulatorConfig.PREFIX)
public interface SimulatorConfig {

    String PREFIX = "eventmonitoring.simulator";

    @WithDefault("false")
    boolean enabled();

    /** Mean rate of simulated commands; arrivals are random (Poisson), as real traffic is. */
    @WithDefault("1")
    double eventsPerSecond();

    /** Relative weight per command name, overriding the service's defaults; 0 leaves a command out. */
    Map<String, Integer> mix();

    /** Simulated commands waiting for Kafka at most; beyond it ticks are skipped, so an outage cannot pile them up. */
    @WithDefault("64")
    int maxInFlight();
}
