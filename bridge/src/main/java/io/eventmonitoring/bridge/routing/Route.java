package io.eventmonitoring.bridge.routing;

import io.eventmonitoring.bridge.match.AttributePath;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A compiled route: what it matches and where it posts. */
public record Route(String name, String channel, Optional<String> domain, List<Glob> types,
                    Set<Severity> severities, Map<AttributePath, Glob> attributes, boolean continueMatching) {

    public boolean matches(CloudEvent event) {
        return domain.map(d -> d.equals(event.domain())).orElse(true)
                && (types.isEmpty() || types.stream().anyMatch(glob -> glob.matches(event.type())))
                && (severities.isEmpty() || severities.contains(event.severity()))
                && attributes.entrySet().stream().allMatch(a -> a.getValue().matches(a.getKey().valueIn(event.data())));
    }
}
