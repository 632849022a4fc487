package io.eventmonitoring.bridge.status;

import java.util.Map;

/**
 * What one replica counted for a route since it started: its {@code eventmonitoring_bridge_events_total} of the route
 * and the route's channel, by outcome ({@code routed}, {@code posted}, ...).
 */
public record RouteCounters(String route, String channel, Map<String, Long> counters) {
}
