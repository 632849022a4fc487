package io.eventmonitoring.command.simulator;

import java.util.List;

/** What a domain service contributes to the simulated traffic: the commands it can send at random. */
public interface TrafficSource {

    List<SimulatedCommand> commands();
}
