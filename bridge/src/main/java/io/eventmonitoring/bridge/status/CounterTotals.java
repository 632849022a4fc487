package io.eventmonitoring.bridge.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole bridge's route counters: what each live replica counted since it started, summed. A replica whose record
 * is older than it may be while its replica publishes stopped, and its counters are left out (Prometheus keeps the
 * history).
 *
 * @param live  the replicas summed, by name; the answering one with its counters as of now
 * @param stale the replicas whose latest record is too old to count, by name
 */
public record CounterTotals(List<ReplicaStatus> live, List<ReplicaStatus> stale) {

    /**
     * @param published every replica's latest record
     * @param own       the answering replica's counters now, which count instead of its latest record
     * @param liveFor   how old a record may be while its replica publishes
     */
    public static CounterTotals of(Collection<ReplicaStatus> published, ReplicaStatus own, Instant now,
                                   Duration liveFor) {
        List<ReplicaStatus> live = new ArrayList<>(List.of(own));
        List<ReplicaStatus> stale = new ArrayList<>();
        for (ReplicaStatus replica : published) {
            if (replica.replica().equals(own.replica())) {
                continue;
            }
            (Duration.between(replica.publishedAt(), now).compareTo(liveFor) <= 0 ? live : stale).add(replica);
        }
        live.sort(Comparator.comparing(ReplicaStatus::replica));
        stale.sort(Comparator.comparing(ReplicaStatus::replica));
        return new CounterTotals(List.copyOf(live), List.copyOf(stale));
    }

    /** The stale replicas whose latest record is older than {@code after}: replicas gone for good, to forget. */
    public List<String> gone(Instant now, Duration after) {
        return stale.stream().filter(replica -> Duration.between(replica.publishedAt(), now).compareTo(after) > 0)
                .map(ReplicaStatus::replica).toList();
    }

    /** The route's counters of all live replicas together, one per outcome, 0 where none counted it. */
    public Map<String, Long> sum(String route, String channel, List<String> outcomes) {
        Map<String, Long> sum = zeros(outcomes);
        live.forEach(replica -> add(sum, replica, route, channel));
        return sum;
    }

    /** The route's counters of each live replica, by replica name. */
    public Map<String, Map<String, Long>> byReplica(String route, String channel, List<String> outcomes) {
        Map<String, Map<String, Long>> byReplica = new LinkedHashMap<>();
        live.forEach(replica -> {
            Map<String, Long> counters = zeros(outcomes);
            add(counters, replica, route, channel);
            byReplica.put(replica.replica(), counters);
        });
        return byReplica;
    }

    private static Map<String, Long> zeros(List<String> outcomes) {
        Map<String, Long> counters = new LinkedHashMap<>();
        outcomes.forEach(o -> counters.put(o, 0L));
        return counters;
    }

    /** A replica configured otherwise (during a rollout) counts only where its route has the same channel. */
    private static void add(Map<String, Long> counters, ReplicaStatus replica, String route, String channel) {
        replica.routes().stream().filter(r -> r.route().equals(route) && r.channel().equals(channel))
                .forEach(r -> counters.replaceAll((outcome, n) -> n + r.counters().getOrDefault(outcome, 0L)));
    }
}
