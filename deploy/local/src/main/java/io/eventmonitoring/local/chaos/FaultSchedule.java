package io.eventmonitoring.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of a chaos run, drawn from a seed: the same seed, length and processes give the same faults. Faults
 * come one at a time, each after the previous one's planned recovery and a pause, so never two brokers are down or
 * frozen together; controllers are never touched, so the quorum is always whole. Every kind comes once in a random
 * order before any comes again, so a short run still sees several kinds.
 */
public record FaultSchedule(long seed, List<Fault> faults) {

    /** The load runs this long before the first fault, so that the run starts from a steady state. */
    public static final Duration WARM_UP = Duration.ofSeconds(20);
    /** No fault is planned to end later than this before the load stops: the run ends on a recovered platform. */
    public static final Duration QUIET_END = Duration.ofSeconds(20);
    private static final int MIN_PAUSE_SECONDS = 5;
    private static final int MAX_PAUSE_SECONDS = 15;
    private static final int MAX_RETRY_AFTER_SECONDS = 5;

    public FaultSchedule {
        faults = List.copyOf(faults);
    }

    public static FaultSchedule plan(long seed, Duration run, List<String> brokers, List<String> domainServices) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        List<FaultKind> round = new ArrayList<>();
        Duration at = WARM_UP;
        while (true) {
            if (round.isEmpty()) {
                round.addAll(List.of(FaultKind.values()));
                Collections.shuffle(round, random);
            }
            FaultKind kind = round.remove(0);
            Duration length = between(random, kind.shortest(), kind.longest());
            String target = switch (kind) {
                case KILL_BROKER, FREEZE_BROKER -> brokers.get(random.nextInt(brokers.size()));
                case KILL_DOMAIN_SERVICE -> domainServices.get(random.nextInt(domainServices.size()));
                case KILL_BRIDGE -> "bridge";
                case SINK_429, SINK_500 -> "sink";
            };
            Duration retryAfter = kind == FaultKind.SINK_429
                    ? Duration.ofSeconds(1 + random.nextInt(MAX_RETRY_AFTER_SECONDS)) : Duration.ZERO;
            Fault fault = new Fault(kind, target, at, length, retryAfter);
            if (fault.recoveredBy().compareTo(run.minus(QUIET_END)) > 0) {
                return new FaultSchedule(seed, faults);
            }
            faults.add(fault);
            at = fault.recoveredBy().plusSeconds(MIN_PAUSE_SECONDS
                    + random.nextInt(MAX_PAUSE_SECONDS - MIN_PAUSE_SECONDS + 1));
        }
    }

    private static Duration between(Random random, Duration shortest, Duration longest) {
        long span = longest.toSeconds() - shortest.toSeconds();
        return shortest.plusSeconds(span == 0 ? 0 : random.nextInt((int) span + 1));
    }
}
