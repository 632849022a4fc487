package io.eventmonitoring.chaos;

import io.eventmonitoring.chaos.FaultSchedule.Fault;
import io.eventmonitoring.slacksink.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures of a chaos run, computed from what it {@link Recorded} alone.
 *
 * <p>Lost events are counted per channel, by count: a digest shows only its latest few events in full, so the
 * others are known by number only. A channel's events must equal what its messages account for (a message of its
 * own is one event, a digest the number it states), plus its dead letters. A message showing an event id an earlier
 * message of the channel showed is a repeat (after a bridge crash, the redelivered batch): what it shows again is not
 * counted twice. A repeat hidden in a digest's unshown part counts twice and shows as over-counted, which could cover
 * a loss of the same size; the report prints it, and fails a run where events were counted twice without a bridge
 * crash.
 */
public record ChaosReport(Answers answers, Map<String, Answers> answersByService, int eventsOnTopic,
                          int acceptedWithoutEvent, int duplicateRecords, int eventsOf503, int brokerFault503s,
                          int bridgeCrashes, int silences, Map<String, ChannelAccount> channels, Duration drain) {

    /** The bridge's default {@code min-interval} of every channel, which the local platform keeps. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /**
     * The sink timestamps a message when it arrives; on a busy machine one post can arrive late and the next on time,
     * so two arrivals may be closer than the bridge's own spacing of its posts by this much.
     */
    static final Duration TOLERANCE = Duration.ofMillis(200);

    /** One command of the load and what its client saw; {@code marker} (the email or customer id) finds its event. */
    public record Answer(String service, String marker, int status, String eventId, Instant sentAt) {

        /** The status of a command whose connection failed or which got nothing within the timeout. */
        public static final int NO_ANSWER = -1;
    }

    /** An event read committed from business-events: its id, the channel the bridge routes it to, its load marker. */
    public record Event(String id, String channel, String marker) {
    }

    /** A record of business-events-dlq: the dead-lettered event's id and its channel. */
    public record DeadLetter(String eventId, String channel) {
    }

    /** A fault as it happened: from its start until the faulty process was back (or the sink answered normally). */
    public record Window(Fault fault, Instant from, Instant to) {
    }

    /**
     * What a run recorded: the load's answers and the fault windows, and read back from durable sources after the
     * drain, the events, dead letters, silences (a run creates none) and the sink's record.
     *
     * @param drain from the end of the load until the pipeline was drained; null if it did not drain in time
     */
    public record Recorded(List<Answer> answers, List<Event> events, List<DeadLetter> deadLetters, int silences,
                           List<Message> messages, List<Window> faults, int bridgeCrashes, Duration drain) {
    }

    /** How a set of commands was answered: 202, 503, not at all, anything else. */
    public record Answers(int accepted, int unavailable, int unanswered, int other) {

        static Answers of(List<Answer> answers) {
            int accepted = count(answers, a -> a.status() == 202);
            int unavailable = count(answers, a -> a.status() == 503);
            int unanswered = count(answers, a -> a.status() == Answer.NO_ANSWER);
            return new Answers(accepted, unavailable, unanswered, answers.size() - accepted - unavailable - unanswered);
        }

        String format() {
            return String.format("202: %d   503: %d   no answer: %d   other: %d", accepted, unavailable, unanswered, other);
        }
    }

    /**
     * One channel's accounting: {@code posted} are events in a message of their own, {@code digested} those counted in
     * digests, without what a repeated message counted again; {@code overCounted} is what the messages account for
     * beyond the channel's events.
     */
    public record ChannelAccount(String channel, int events, int posted, int digested, int deadLettered, int lost,
                                 int overCounted, int messages, int duplicateMessages, Optional<Duration> shortestGap) {
    }

    public static ChaosReport of(Recorded record) {
        List<Answer> answers = record.answers();
        Map<String, Long> recordsById = record.events().stream()
                .collect(Collectors.groupingBy(Event::id, Collectors.counting()));
        Set<String> markersOf503 = answers.stream().filter(a -> a.status() == 503).map(Answer::marker)
                .collect(Collectors.toSet());
        Map<String, ChannelAccount> channels = Stream.concat(record.events().stream().map(Event::channel),
                record.messages().stream().map(Message::channel)).distinct()
                .collect(Collectors.toMap(c -> c, c -> account(c, record), (a, b) -> a, TreeMap::new));
        return new ChaosReport(Answers.of(answers), answers.stream().collect(Collectors.groupingBy(Answer::service,
                TreeMap::new, Collectors.collectingAndThen(Collectors.toList(), Answers::of))), record.events().size(),
                count(answers, a -> a.status() == 202 && !recordsById.containsKey(a.eventId())),
                (int) recordsById.values().stream().filter(n -> n > 1).count(),
                count(record.events(), e -> markersOf503.contains(e.marker())),
                count(answers, a -> a.status() == 503 && record.faults().stream().anyMatch(w -> w.fault().kind()
                        .isBrokerFault() && !a.sentAt().isBefore(w.from()) && !a.sentAt().isAfter(w.to()))),
                record.bridgeCrashes(), record.silences(), channels, record.drain());
    }

    private static ChannelAccount account(String channel, Recorded record) {
        Set<String> eventIds = record.events().stream().filter(e -> e.channel().equals(channel))
                .map(Event::id).collect(Collectors.toSet());
        int deadLettered = (int) record.deadLetters().stream()
                .filter(d -> channel.equals(d.channel()) || eventIds.contains(d.eventId()))
                .map(DeadLetter::eventId).distinct().count();
        List<Message> messages = record.messages().stream().filter(m -> m.channel().equals(channel))
                .sorted(Comparator.comparing(Message::at)).toList();
        Set<String> shown = new HashSet<>();
        int posted = 0;
        int digested = 0;
        int repeats = 0;
        Duration shortestGap = null;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            int shownAgain = count(message.eventIds(), shown::contains);
            repeats += shownAgain > 0 ? 1 : 0;
            shown.addAll(message.eventIds());
            int counted = Math.max(0, message.events() - shownAgain);
            posted += message.digest() ? 0 : counted;
            digested += message.digest() ? counted : 0;
            Duration gap = i == 0 ? null : Duration.between(messages.get(i - 1).at(), message.at());
            shortestGap = gap != null && (shortestGap == null || gap.compareTo(shortestGap) < 0) ? gap : shortestGap;
        }
        int events = count(record.events(), e -> e.channel().equals(channel));
        int accounted = posted + digested + deadLettered;
        return new ChannelAccount(channel, events, posted, digested, deadLettered, Math.max(0, events - accounted),
                Math.max(0, accounted - events), messages.size(), repeats, Optional.ofNullable(shortestGap));
    }

    private static <T> int count(List<T> items, Predicate<T> test) {
        return (int) items.stream().filter(test).count();
    }

    public int lost() {
        return channels.values().stream().mapToInt(ChannelAccount::lost).sum();
    }

    /** Why the run failed; empty when it passed. */
    public List<String> failures() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("the pipeline did not drain in time", drain == null);
        checks.put(silences + " silences on bridge-silences: silenced events cannot be accounted for", silences > 0);
        checks.put(lost() + " events lost", lost() > 0);
        checks.put(acceptedWithoutEvent + " commands answered 202 without their event on business-events",
                acceptedWithoutEvent > 0);
        checks.put(duplicateRecords + " event ids recorded more than once on business-events", duplicateRecords > 0);
        checks.put(eventsOf503 + " events of commands answered 503", eventsOf503 > 0);
        Duration allowed = MIN_INTERVAL.minus(TOLERANCE);
        for (ChannelAccount c : channels.values()) {
            checks.put("#" + c.channel() + ": " + c.overCounted() + " events counted twice without a bridge crash",
                    c.overCounted() > 0 && bridgeCrashes == 0);
            checks.put("#" + c.channel() + ": " + c.duplicateMessages() + " repeated messages, more than one per bridge "
                    + "crash (" + bridgeCrashes + ")", c.duplicateMessages() > bridgeCrashes);
            c.shortestGap().filter(gap -> gap.compareTo(allowed) < 0).ifPresent(gap -> checks.put("#" + c.channel()
                    + ": two posts " + gap.toMillis() + " ms apart, below " + MIN_INTERVAL.toMillis() + " ms less the "
                    + TOLERANCE.toMillis() + " ms tolerance", true));
        }
        return checks.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    public String format() {
        StringBuilder text = new StringBuilder("commands       ").append(answers.format()).append('\n');
        answersByService.forEach((service, counts) -> text.append(String.format("  %-12s %s%n", service, counts.format())));
        text.append(String.format("business-events %d events read committed; 202 without its event: %d; ids recorded "
                + "twice: %d%n", eventsOnTopic, acceptedWithoutEvent, duplicateRecords));
        text.append(String.format("events of commands answered 503: %d   503s during single-broker faults: %d%n",
                eventsOf503, brokerFault503s));
        text.append(String.format("silences on bridge-silences: %d   bridge crashes: %d%n", silences, bridgeCrashes));
        String row = "%-8s %7s %7s %8s %9s %5s %5s %8s %7s %9s%n";
        text.append(String.format(row, "channel", "events", "posted", "digested", "dead-lett", "lost", "over",
                "messages", "repeats", "min gap"));
        channels.values().forEach(c -> text.append(String.format(row, "#" + c.channel(), c.events(), c.posted(),
                c.digested(), c.deadLettered(), c.lost(), c.overCounted(), c.messages(), c.duplicateMessages(),
                c.shortestGap().map(g -> g.toMillis() + " ms").orElse("-"))));
        text.append(String.format("lost: %d (must be 0)   min gap allowed: %d ms (min interval %d ms, tolerance %d ms)%n",
                lost(), MIN_INTERVAL.minus(TOLERANCE).toMillis(), MIN_INTERVAL.toMillis(), TOLERANCE.toMillis()));
        return text.append("time to drain: ").append(drain == null ? "did not drain"
                : String.format("%.1f s", drain.toMillis() / 1000.0)).append('\n').toString();
    }
}
