package io.eventmonitoring.command.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** The weighted choice among the simulated commands, built from the services' defaults and the configured mix. */
final class TrafficMix {

    private final List<SimulatedCommand> commands;
    private final int[] cumulative;

    private TrafficMix(List<SimulatedCommand> commands, int[] cumulative) {
        this.commands = commands;
        this.cumulative = cumulative;
    }

    /**
     * @param configured weights by command name from {@code eventmonitoring.simulator.mix}
     * @return the mix, or a list of problems each naming its configuration key
     */
    static Result of(List<SimulatedCommand> available, Map<String, Integer> configured) {
        Map<String, SimulatedCommand> byName = new LinkedHashMap<>();
        available.forEach(c -> byName.put(c.name(), c));
        List<String> problems = new ArrayList<>();
        configured.forEach((name, weight) -> {
            String key = SimulatorConfig.PREFIX + ".mix." + name;
            if (!byName.containsKey(name)) {
                problems.add(key + " names no command of this service; known: " + String.join(", ", new TreeSet<>(byName.keySet())));
            } else if (weight == null || weight < 0) {
                problems.add(key + " must be a weight of 0 or more, got " + weight);
            }
        });
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        List<SimulatedCommand> chosen = new ArrayList<>();
        List<Integer> sums = new ArrayList<>();
        int total = 0;
        for (SimulatedCommand command : byName.values()) {
            int weight = configured.getOrDefault(command.name(), command.defaultWeight());
            if (weight > 0) {
                total = Math.addExact(total, weight);
                chosen.add(command);
                sums.add(total);
            }
        }
        if (chosen.isEmpty()) {
            return new Result(null, List.of(SimulatorConfig.PREFIX + ".mix leaves no command with a weight above 0"));
        }
        return new Result(new TrafficMix(List.copyOf(chosen), sums.stream().mapToInt(Integer::intValue).toArray()), List.of());
    }

    record Result(TrafficMix mix, List<String> problems) {
    }

    SimulatedCommand pick(RandomGenerator random) {
        int ticket = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (ticket < cumulative[i]) {
                return commands.get(i);
            }
        }
        throw new IllegalStateException("ticket " + ticket + " beyond the mix");
    }

    /** {@code sign-up=30, review=25} */
    String describe() {
        List<String> parts = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < commands.size(); i++) {
            parts.add(commands.get(i).name() + "=" + (cumulative[i] - previous));
            previous = cumulative[i];
        }
        return parts.stream().collect(Collectors.joining(", "));
    }
}
