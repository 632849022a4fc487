package io.eventmonitoring.chaos;

import io.eventmonitoring.chaos.FaultSchedule.Fault;
import io.eventmonitoring.chaos.FaultSchedule.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScheduleTest {

    private static final List<String> BROKERS = List.of("broker-4", "broker-5", "broker-6");
    private static final List<String> SERVICES = List.of("domain-user", "domain-order");

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
        FaultSchedule one = FaultSchedule.plan(7, Duration.ofMinutes(30), BROKERS, SERVICES);

        assertThat(FaultSchedule.plan(7, Duration.ofMinutes(30), BROKERS, SERVICES)).isEqualTo(one);
        assertThat(FaultSchedule.plan(8, Duration.ofMinutes(30), BROKERS, SERVICES).faults())
                .isNotEqualTo(one.faults());
    }

    @Test
    void faultsComeOneAtATimeEachAfterThePreviousOnesRecovery() {
        for (long seed : LongStream.range(0, 200).toArray()) {
            List<Fault> faults = FaultSchedule.plan(seed, Duration.ofMinutes(30), BROKERS, SERVICES).faults();
            for (int i = 1; i < faults.size(); i++) {
                assertThat(faults.get(i).at()).as("seed %d, fault %d", seed, i)
                        .isGreaterThan(faults.get(i - 1).recoveredBy());
            }
        }
    }

    @Test
    void onlyBrokersAreKilledOrFrozenNeverAController() {
        for (long seed : LongStream.range(0, 200).toArray()) {
            FaultSchedule.plan(seed, Duration.ofMinutes(30), BROKERS, SERVICES).faults().forEach(fault -> {
                switch (fault.kind()) {
                    case KILL_BROKER, FREEZE_BROKER -> assertThat(BROKERS).contains(fault.target());
                    case KILL_DOMAIN_SERVICE -> assertThat(SERVICES).contains(fault.target());
                    case KILL_BRIDGE -> assertThat(fault.target()).isEqualTo("bridge");
                    case SINK_429, SINK_500 -> assertThat(fault.target()).isEqualTo("sink");
                }
            });
        }
    }

    @Test
    void faultsStartAfterTheWarmUpAndAreOverBeforeTheQuietEnd() {
        for (long seed : LongStream.range(0, 200).toArray()) {
            Duration run = Duration.ofMinutes(3 + seed % 10);
            List<Fault> faults = FaultSchedule.plan(seed, run, BROKERS, SERVICES).faults();

            assertThat(faults).as("seed %d", seed).isNotEmpty().allSatisfy(fault -> {
                assertThat(fault.at()).isGreaterThanOrEqualTo(FaultSchedule.WARM_UP);
                assertThat(fault.recoveredBy()).isLessThanOrEqualTo(run.minus(FaultSchedule.QUIET_END));
            });
        }
    }

    @Test
    void everyKindComesOnceBeforeAnyComesAgain() {
        List<Fault> faults = FaultSchedule.plan(3, Duration.ofMinutes(30), BROKERS, SERVICES).faults();
        int kinds = Kind.values().length;

        assertThat(faults).hasSizeGreaterThan(2 * kinds);
        for (int round = 0; round + kinds <= faults.size(); round += kinds) {
            assertThat(faults.subList(round, round + kinds).stream().map(Fault::kind)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class))))
                    .containsExactlyInAnyOrder(Kind.values());
        }
    }

    @Test
    void onlyA429CarriesARetryAfter() {
        FaultSchedule.plan(5, Duration.ofMinutes(30), BROKERS, SERVICES).faults().forEach(fault ->
                assertThat(fault.retryAfter().isZero()).as(fault.describe()).isEqualTo(fault.kind() != Kind.SINK_429));
    }
}
