package io.eventmonitoring.local.chaos;

import io.eventmonitoring.slacksink.Message;

import java.time.Duration;
import java.util.List;

/**
 * What a chaos run recorded, all of it read back from durable sources after the drain except the load's own
 * answers and the fault times: the events on business-events (read committed), the dead letters, the silences,
 * the sink's record of accepted messages.
 *
 * @param silences      silences on bridge-silences: a run creates none, so no event is silenced (the bridge counts
 *                      silenced events only in memory, which a kill resets)
 * @param bridgeCrashes times the bridge was killed
 * @param drain         from the end of the load until the pipeline was drained; null if it did not drain in time
 */
public record ChaosRecord(List<Answer> answers, List<CommittedEvent> events, List<DeadLetter> deadLetters,
                          int silences, List<Message> messages, List<FaultWindow> faults, int bridgeCrashes,
                          Duration drain) {

    public ChaosRecord {
        answers = List.copyOf(answers);
        events = List.copyOf(events);
        deadLetters = List.copyOf(deadLetters);
        messages = List.copyOf(messages);
        faults = List.copyOf(faults);
    }
}
