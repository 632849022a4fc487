package io.eventmonitoring.command.simulator;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficMixTest {

    private static final List<SimulatedCommand> COMMANDS = List.of(
            new SimulatedCommand("create", 60, r -> CompletableFuture.completedFuture(null)),
            new SimulatedCommand("cancel", 30, r -> CompletableFuture.completedFuture(null)),
            new SimulatedCommand("return", 10, r -> CompletableFuture.completedFuture(null)));

    @Test
    void picksFollowTheWeights() {
        TrafficMix mix = TrafficMix.of(COMMANDS, Map.of()).mix();
        Map<String, Integer> counts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(mix.pick(random).name(), 1, Integer::sum);
        }
        assertThat(counts.get("create") / 100_000.0).isCloseTo(0.6, within(0.01));
        assertThat(counts.get("cancel") / 100_000.0).isCloseTo(0.3, within(0.01));
        assertThat(counts.get("return") / 100_000.0).isCloseTo(0.1, within(0.01));
        assertThat(mix.describe()).isEqualTo("create=60, cancel=30, return=10");
    }

    @Test
    void configuredWeightsOverrideAndZeroLeavesOut() {
        TrafficMix mix = TrafficMix.of(COMMANDS, Map.of("create", 0, "return", 5)).mix();
        assertThat(mix.describe()).isEqualTo("cancel=30, return=5");
    }

    @Test
    void unknownNamesAndNegativeWeightsNameTheirKey() {
        TrafficMix.Result result = TrafficMix.of(COMMANDS, Map.of("refund", 5, "cancel", -1));
        assertThat(result.mix()).isNull();
        assertThat(result.problems()).containsExactlyInAnyOrder(
                "eventmonitoring.simulator.mix.refund names no command of this service; known: cancel, create, return",
                "eventmonitoring.simulator.mix.cancel must be a weight of 0 or more, got -1");
    }

    @Test
    void aMixWithNothingLeftIsRefused() {
        assertThat(TrafficMix.of(COMMANDS, Map.of("create", 0, "cancel", 0, "return", 0)).problems())
                .singleElement().asString().contains("eventmonitoring.simulator.mix");
    }

    @Test
    void recentEntitiesForgetTheOldestAndTakeRemoves() {
        RecentEntities<String> entities = new RecentEntities<>(2);
        entities.add("a", "1");
        entities.add("b", "2");
        entities.add("c", "3");
        assertThat(entities.size()).isEqualTo(2);
        entities.update("b", s -> s + "+");
        SplittableRandom random = new SplittableRandom(1);
        RecentEntities.Entity<String> taken = entities.take(random).orElseThrow();
        RecentEntities.Entity<String> left = entities.any(random).orElseThrow();
        assertThat(List.of(taken, left)).extracting(RecentEntities.Entity::id).containsExactlyInAnyOrder("b", "c");
        assertThat(List.of(taken, left)).extracting(RecentEntities.Entity::state).contains("2+");
        entities.take(random);
        assertThat(entities.any(random)).isEmpty();
    }
}
