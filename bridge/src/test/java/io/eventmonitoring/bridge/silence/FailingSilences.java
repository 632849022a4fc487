package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.events.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;

import java.util.Map;

/**
 * Silences that fail for the events of one marker, as a bug would: installed with QuarkusMock, it shows what the
 * routing stage does when something fails for one event.
 */
@Vetoed // not a bean: SilenceStore's scope is inherited, and two would be ambiguous
public class FailingSilences extends SilenceStore {

    private final String marker;

    public FailingSilences(String marker) {
        super(null, Map.of(), new SimpleMeterRegistry());
        this.marker = marker;
    }

    @Override
    public Uni<Void> whenLoaded() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public boolean silenced(CloudEvent event, String route, String channel) {
        if (event.data() != null && marker.equals(event.data().path("marker").asText())) {
            throw new IllegalStateException("a bug in silences, for event " + event.id());
        }
        return false;
    }
}
