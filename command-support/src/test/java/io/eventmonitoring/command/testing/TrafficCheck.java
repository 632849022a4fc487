package io.eventmonitoring.command.testing;

import io.eventmonitoring.events.Domain;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.testing.BusinessEvents;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator's events arrive on business-events: every event type of the domain, well keyed. */
public final class TrafficCheck {

    private TrafficCheck() {
    }

    /** Waits for {@code count} new events of the domain and checks them; other events must not appear. */
    public static void assertEveryKindFlows(Domain domain, int count) {
        Set<String> before = BusinessEvents.byId().keySet();
        List<String> types = Arrays.stream(EventType.values())
                .filter(type -> type.domain() == domain)
                .map(EventType::value)
                .toList();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<BusinessEvents.Recorded> simulated = BusinessEvents.byId().values().stream()
                    .filter(recorded -> !before.contains(recorded.event().id()))
                    .toList();
            assertThat(simulated).hasSizeGreaterThanOrEqualTo(count);
            assertThat(simulated).extracting(recorded -> recorded.event().type()).containsAll(types);
            assertThat(simulated).allSatisfy(recorded -> {
                assertThat(recorded.event().source()).isEqualTo(domain.source());
                assertThat(recorded.event().severity()).isEqualTo(
                        Arrays.stream(EventType.values()).filter(t -> t.value().equals(recorded.event().type()))
                                .findFirst().orElseThrow().severity());
                assertThat(recorded.record().key()).isEqualTo(domain.value() + ":" + recorded.event().subject());
            });
        });
    }
}
