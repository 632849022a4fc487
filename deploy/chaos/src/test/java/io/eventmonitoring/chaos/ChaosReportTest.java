package io.eventmonitoring.chaos;

import io.eventmonitoring.chaos.ChaosReport.Answer;
import io.eventmonitoring.chaos.ChaosReport.Answers;
import io.eventmonitoring.chaos.ChaosReport.ChannelAccount;
import io.eventmonitoring.chaos.ChaosReport.DeadLetter;
import io.eventmonitoring.chaos.ChaosReport.Event;
import io.eventmonitoring.chaos.ChaosReport.Recorded;
import io.eventmonitoring.chaos.ChaosReport.Window;
import io.eventmonitoring.chaos.FaultSchedule.Fault;
import io.eventmonitoring.chaos.FaultSchedule.Kind;
import io.eventmonitoring.slacksink.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ChaosReportTest {

    private static final Instant T0 = Instant.parse("2026-11-29T20:00:00Z");
    private static final Duration DRAIN = Duration.ofSeconds(4);
    private static final Fault BROKER_KILL = new Fault(Kind.KILL_BROKER, "broker-5", Duration.ofSeconds(20),
            Duration.ofSeconds(10), Duration.ZERO);

    private final List<Answer> answers = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Window> faults = new ArrayList<>();
    private int bridgeCrashes;

    @Test
    void everyEventPostedDigestedOrDeadLetteredIsAccountedFor() {
        accepted("user", "u1", "e1");
        accepted("user", "u2", "e2");
        accepted("user", "u3", "e3");
        accepted("user", "u4", "e4");
        accepted("user", "u5", "e5");
        message("user", 0, false, 1, "e1");
        message("user", 1500, true, 3, "e3", "e4");
        deadLetters.add(new DeadLetter("e5", "user"));

        ChaosReport report = report();

        assertThat(report.channels().get("user")).isEqualTo(new ChannelAccount("user", 5, 1, 3, 1, 0, 0, 2, 0,
                Optional.of(Duration.ofMillis(1500))));
        assertThat(report.answers().accepted()).isEqualTo(5);
        assertThat(report.lost()).isZero();
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void anEventNoMessageAccountsForIsLost() {
        accepted("order", "o1", "e1");
        accepted("order", "o2", "e2");
        message("order", 0, false, 1, "e1");

        ChaosReport report = report();

        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.failures()).containsExactly("1 events lost");
    }

    @Test
    void aRepeatedMessageIsNotCountedTwiceAndIsAllowedOncePerBridgeCrash() {
        accepted("user", "u1", "e1");
        accepted("user", "u2", "e2");
        message("user", 0, false, 1, "e1");
        message("user", 20_000, true, 2, "e1", "e2");
        bridgeCrashes = 1;

        ChaosReport report = report();

        assertThat(report.channels().get("user").duplicateMessages()).isEqualTo(1);
        assertThat(report.lost()).isZero();
        assertThat(report.failures()).isEmpty();

        bridgeCrashes = 0;
        assertThat(report().failures()).containsExactly("#user: 1 repeated messages, more than one per bridge crash (0)");
    }

    @Test
    void eventsCountedTwiceInADigestAreOverCountedAndFailWithoutABridgeCrash() {
        accepted("order", "o1", "e1");
        accepted("order", "o2", "e2");
        accepted("order", "o3", "e3");
        message("order", 0, true, 2, "e2");
        message("order", 5000, true, 2, "e3");
        bridgeCrashes = 1;

        assertThat(report().channels().get("order").overCounted()).isEqualTo(1);
        assertThat(report().failures()).isEmpty();

        bridgeCrashes = 0;
        assertThat(report().failures()).containsExactly("#order: 1 events counted twice without a bridge crash");
    }

    @Test
    void postsCloserThanTheMinimumIntervalLessTheToleranceFail() {
        accepted("order", "o1", "e1");
        accepted("order", "o2", "e2");
        accepted("order", "o3", "e3");
        message("order", 0, false, 1, "e1");
        message("order", 850, false, 1, "e2");
        message("order", 1750, false, 1, "e3");

        assertThat(report().failures()).isEmpty();

        messages.add(sent("order", 2250, false, 1, "e4"));
        events.add(new Event("e4", "order", "o4"));
        assertThat(report().failures()).containsExactly(
                "#order: two posts 500 ms apart, below 1000 ms less the 200 ms tolerance");
    }

    @Test
    void anEventOfACommandAnswered503AndA202WithoutItsEventFail() {
        answers.add(new Answer("domain-order", "o1", 503, null, T0.plusSeconds(25)));
        events.add(new Event("e1", "order", "o1"));
        answers.add(new Answer("domain-order", "o2", 202, "e2", T0.plusSeconds(50)));
        message("order", 0, false, 1, "e1");
        faults.add(new Window(BROKER_KILL, T0.plusSeconds(20), T0.plusSeconds(40)));

        ChaosReport report = report();

        assertThat(report.answers().unavailable()).isEqualTo(1);
        assertThat(report.brokerFault503s()).isEqualTo(1);
        assertThat(report.failures()).containsExactlyInAnyOrder(
                "1 commands answered 202 without their event on business-events",
                "1 events of commands answered 503");
    }

    @Test
    void commandsWithoutAnswerAreCountedAndAnswerNothing() {
        answers.add(new Answer("domain-user", "u1", Answer.NO_ANSWER, null, T0));
        answers.add(new Answer("domain-user", "u2", Answer.NO_ANSWER, null, T0));

        ChaosReport report = report();

        assertThat(report.answersByService()).containsExactly(
                entry("domain-user", new Answers(0, 0, 2, 0)));
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void aPipelineThatDidNotDrainOrASilenceFails() {
        ChaosReport report = ChaosReport.of(new Recorded(answers, events, deadLetters, 1, messages, faults, 0, null));

        assertThat(report.failures()).containsExactly("the pipeline did not drain in time",
                "1 silences on bridge-silences: silenced events cannot be accounted for");
    }

    private void accepted(String channel, String marker, String eventId) {
        answers.add(new Answer("domain-" + channel, marker, 202, eventId, T0));
        events.add(new Event(eventId, channel, marker));
    }

    private void message(String channel, long atMillis, boolean digest, int count, String... ids) {
        messages.add(sent(channel, atMillis, digest, count, ids));
    }

    private ChaosReport report() {
        return ChaosReport.of(new Recorded(answers, events, deadLetters, 0, messages, faults, bridgeCrashes, DRAIN));
    }

    private static Message sent(String channel, long atMillis, boolean digest, int count, String... ids) {
        return new Message(channel, T0.plusMillis(atMillis), Message.WEBHOOK, null, null,
                digest ? count + " events on #" + channel : "one event", List.of(ids));
    }
}
