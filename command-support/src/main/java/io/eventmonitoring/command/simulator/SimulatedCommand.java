package io.eventmonitoring.command.simulator;

import io.eventmonitoring.events.CloudEvent;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One kind of command in the simulated traffic: its name in {@code eventmonitoring.simulator.mix.<name>}, its share
 * of the mix unless configured, and how to send a random instance of it through the service's own command path.
 */
public record SimulatedCommand(String name, int defaultWeight, Function<RandomGenerator, CompletionStage<CloudEvent>> send) {

    public SimulatedCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(send, "send");
        if (defaultWeight < 0) {
            throw new IllegalArgumentException("weight of " + name + " must not be negative");
        }
    }
}
