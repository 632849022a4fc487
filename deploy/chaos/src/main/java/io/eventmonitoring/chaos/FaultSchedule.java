package io.eventmonitoring.chaos;

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

    /** What a fault does, how long it lasts (drawn between the two bounds, in seconds) and the time to recover. */
    public enum Kind {
        /** kill -9 of a broker; it stays down for the fault's length, then is started again. */
        KILL_BROKER(10, 20, 30),
        /** SIGSTOP of a broker for the fault's length, then SIGCONT. */
        FREEZE_BROKER(5, 15, 15),
        /** kill -9 of the bridge; the supervisor starts it again. */
        KILL_BRIDGE(0, 0, 30),
        /** kill -9 of a domain service; the supervisor starts it again. */
        KILL_DOMAIN_SERVICE(0, 0, 30),
        /** The sink answers 429 with a Retry-After of 1-5 s for the fault's length. */
        SINK_429(10, 30, 5),
        /** The sink answers 500 for the fault's length. */
        SINK_500(10, 30, 5);

        private final int shortest;
        private final int longest;
        private final int recovery;

        Kind(int shortest, int longest, int recovery) {
            this.shortest = shortest;
            this.longest = longest;
            this.recovery = recovery;
        }

        /** A broker is down or frozen while this fault lasts: writes wait for Kafka to fence it. */
        public boolean isBrokerFault() {
            return this == KILL_BROKER || this == FREEZE_BROKER;
        }
    }

    /** One planned fault on a process ({@code sink} for the sink's), at the earliest {@code at} after the load started. */
    public record Fault(Kind kind, String target, Duration at, Duration length, Duration retryAfter) {

        /** When the platform should have recovered from it, as planned. */
        public Duration recoveredBy() {
            return at.plus(length).plusSeconds(kind.recovery);
        }

        public String describe() {
            return switch (kind) {
                case KILL_BROKER -> "kill -9 " + target + ", started again after " + length.toSeconds() + " s";
                case FREEZE_BROKER -> "SIGSTOP " + target + ", SIGCONT after " + length.toSeconds() + " s";
                case KILL_BRIDGE, KILL_DOMAIN_SERVICE -> "kill -9 " + target;
                case SINK_429 -> "sink answers 429 with Retry-After " + retryAfter.toSeconds() + " s for "
                        + length.toSeconds() + " s";
                case SINK_500 -> "sink answers 500 for " + length.toSeconds() + " s";
            };
        }
    }

    public FaultSchedule {
        faults = List.copyOf(faults);
    }

    public static FaultSchedule plan(long seed, Duration run, List<String> brokers, List<String> domainServices) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        List<Kind> round = new ArrayList<>();
        Duration at = WARM_UP;
        while (true) {
            if (round.isEmpty()) {
                round.addAll(List.of(Kind.values()));
                Collections.shuffle(round, random);
            }
            Kind kind = round.remove(0);
            Duration length = Duration.ofSeconds(kind.shortest
                    + (kind.longest == kind.shortest ? 0 : random.nextInt(kind.longest - kind.shortest + 1)));
            String target = switch (kind) {
                case KILL_BROKER, FREEZE_BROKER -> brokers.get(random.nextInt(brokers.size()));
                case KILL_DOMAIN_SERVICE -> domainServices.get(random.nextInt(domainServices.size()));
                case KILL_BRIDGE -> "bridge";
                case SINK_429, SINK_500 -> "sink";
            };
            Duration retryAfter = Duration.ofSeconds(kind == Kind.SINK_429 ? 1 + random.nextInt(5) : 0);
            Fault fault = new Fault(kind, target, at, length, retryAfter);
            if (fault.recoveredBy().compareTo(run.minus(QUIET_END)) > 0) {
                return new FaultSchedule(seed, faults);
            }
            faults.add(fault);
            // A pause of 5-15 s after the planned recovery.
            at = fault.recoveredBy().plusSeconds(5 + random.nextInt(11));
        }
    }
}
