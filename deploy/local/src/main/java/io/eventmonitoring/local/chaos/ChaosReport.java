package io.eventmonitoring.local.chaos;

import io.eventmonitoring.slacksink.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The figures of a chaos run, computed from its {@link ChaosRecord} alone.
 *
 * <p>Lost events are counted per channel, by count: a digest shows only its latest few events in full, so the
 * others are known by number only. A channel's events must equal what its messages account for (a message of its
 * own is one event, a digest the number it states), plus its dead letters and silenced events. A message showing
 * an event id an earlier message of the channel showed is a repeat (after a bridge crash, the redelivered batch):
 * what it shows again is not counted twice. A repeat hidden in a digest's unshown part counts twice and shows as
 * over-counted, which could cover a loss of the same size; the report prints it, and fails a run where events
 * were counted twice without a bridge crash.
 */
public record ChaosReport(Answers answers, Map<String, Answers> answersByService, int eventsOnTopic,
                          int acceptedWithoutEvent, int duplicateRecords, int eventsOf503, int brokerFault503s,
                          int bridgeCrashes, int silences, Map<String, ChannelAccount> channels,
                          Duration minInterval, Duration tolerance, Duration drain) {

    public ChaosReport {
        answersByService = Collections.unmodifiableMap(new TreeMap<>(answersByService));
        channels = Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    public static ChaosReport of(ChaosRecord record, Duration minInterval, Duration tolerance) {
        List<Answer> answers = record.answers();
        Map<String, Long> recordsById = record.events().stream()
                .collect(Collectors.groupingBy(CommittedEvent::id, Collectors.counting()));
        Set<String> markersOf503 = answers.stream().filter(a -> a.status() == 503).map(Answer::marker)
                .collect(Collectors.toSet());
        List<FaultWindow> brokerFaults = record.faults().stream().filter(w -> w.fault().kind().isBrokerFault())
                .toList();
        Set<String> channelNames = new TreeSet<>();
        record.events().forEach(e -> channelNames.add(e.channel()));
        record.messages().forEach(m -> channelNames.add(m.channel()));
        Map<String, ChannelAccount> channels = new TreeMap<>();
        for (String channel : channelNames) {
            channels.put(channel, account(channel, record, minInterval));
        }
        Map<String, Answers> byService = new TreeMap<>();
        answers.stream().collect(Collectors.groupingBy(Answer::service))
                .forEach((service, ofService) -> byService.put(service, Answers.of(ofService)));
        return new ChaosReport(
                Answers.of(answers),
                byService,
                record.events().size(),
                count(answers, a -> a.status() == 202 && !recordsById.containsKey(a.eventId())),
                (int) recordsById.values().stream().filter(n -> n > 1).count(),
                count(record.events(), e -> markersOf503.contains(e.marker())),
                count(answers, a -> a.status() == 503 && brokerFaults.stream().anyMatch(w -> w.covers(a.sentAt()))),
                record.bridgeCrashes(),
                record.silences(),
                channels,
                minInterval,
                tolerance,
                record.drain());
    }

    private static ChannelAccount account(String channel, ChaosRecord record, Duration minInterval) {
        int events = count(record.events(), e -> e.channel().equals(channel));
        Set<String> eventIds = record.events().stream().filter(e -> e.channel().equals(channel))
                .map(CommittedEvent::id).collect(Collectors.toSet());
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
            int shownAgain = (int) message.eventIds().stream().filter(shown::contains).count();
            if (shownAgain > 0) {
                repeats++;
            }
            shown.addAll(message.eventIds());
            int counted = Math.max(0, message.events() - shownAgain);
            if (message.digest()) {
                digested += counted;
            } else {
                posted += counted;
            }
            if (i > 0) {
                Duration gap = Duration.between(messages.get(i - 1).at(), message.at());
                shortestGap = shortestGap == null || gap.compareTo(shortestGap) < 0 ? gap : shortestGap;
            }
        }
        int accounted = posted + digested + deadLettered;
        return new ChannelAccount(channel, events, posted, digested, 0, deadLettered,
                Math.max(0, events - accounted), Math.max(0, accounted - events), messages.size(), repeats,
                Optional.ofNullable(shortestGap));
    }

    private static <T> int count(List<T> items, Predicate<T> test) {
        return (int) items.stream().filter(test).count();
    }

    public int lost() {
        return channels.values().stream().mapToInt(ChannelAccount::lost).sum();
    }

    /** Why the run failed; empty when it passed. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (drain == null) {
            failures.add("the pipeline did not drain in time");
        }
        if (silences > 0) {
            failures.add(silences + " silences on bridge-silences: silenced events cannot be accounted for");
        }
        if (lost() > 0) {
            failures.add(lost() + " events lost");
        }
        if (acceptedWithoutEvent > 0) {
            failures.add(acceptedWithoutEvent + " commands answered 202 without their event on business-events");
        }
        if (duplicateRecords > 0) {
            failures.add(duplicateRecords + " event ids recorded more than once on business-events");
        }
        if (eventsOf503 > 0) {
            failures.add(eventsOf503 + " events of commands answered 503");
        }
        for (ChannelAccount channel : channels.values()) {
            if (channel.overCounted() > 0 && bridgeCrashes == 0) {
                failures.add("#" + channel.channel() + ": " + channel.overCounted()
                        + " events counted twice without a bridge crash");
            }
            if (channel.duplicateMessages() > bridgeCrashes) {
                failures.add("#" + channel.channel() + ": " + channel.duplicateMessages()
                        + " repeated messages, more than one per bridge crash (" + bridgeCrashes + ")");
            }
            channel.shortestGap().filter(gap -> gap.compareTo(minInterval.minus(tolerance)) < 0).ifPresent(gap ->
                    failures.add("#" + channel.channel() + ": two posts " + gap.toMillis() + " ms apart, below "
                            + minInterval.toMillis() + " ms less the " + tolerance.toMillis() + " ms tolerance"));
        }
        return failures;
    }

    public String format() {
        StringBuilder text = new StringBuilder();
        text.append("commands       ").append(answers.format()).append('\n');
        answersByService.forEach((service, counts) ->
                text.append(String.format("  %-12s %s%n", service, counts.format())));
        text.append(String.format("business-events %d events read committed; 202 without its event: %d; ids recorded twice: %d%n",
                eventsOnTopic, acceptedWithoutEvent, duplicateRecords));
        text.append(String.format("events of commands answered 503: %d   503s during single-broker faults: %d%n",
                eventsOf503, brokerFault503s));
        text.append(String.format("silences on bridge-silences: %d   bridge crashes: %d%n", silences, bridgeCrashes));
        text.append(String.format("%-8s %7s %7s %8s %8s %9s %5s %5s %8s %7s %9s%n", "channel", "events", "posted",
                "digested", "silenced", "dead-lett", "lost", "over", "messages", "repeats", "min gap"));
        for (ChannelAccount c : channels.values()) {
            text.append(String.format("%-8s %7d %7d %8d %8d %9d %5d %5d %8d %7d %9s%n", "#" + c.channel(),
                    c.events(), c.posted(), c.digested(), c.silenced(), c.deadLettered(), c.lost(), c.overCounted(),
                    c.messages(), c.duplicateMessages(), c.shortestGap().map(g -> g.toMillis() + " ms").orElse("-")));
        }
        text.append(String.format("lost: %d (must be 0)   min gap allowed: %d ms (min interval %d ms, tolerance %d ms)%n",
                lost(), minInterval.minus(tolerance).toMillis(), minInterval.toMillis(), tolerance.toMillis()));
        text.append("time to drain: ").append(drain == null ? "did not drain" : String.format("%.1f s",
                drain.toMillis() / 1000.0)).append('\n');
        return text.toString();
    }
}
