package io.eventmonitoring.bridge.routing;

import io.eventmonitoring.events.CloudEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Picks the routes of an event: in order, the first match wins unless it continues; else the default route. */
public class Router {

    private final List<Route> routes;
    private final Optional<Route> defaultRoute;

    public Router(List<Route> routes, Optional<Route> defaultRoute) {
        this.routes = List.copyOf(routes);
        this.defaultRoute = defaultRoute;
    }

    /** The matching routes; empty when nothing matched and there is no default route. */
    public List<Route> routesFor(CloudEvent event) {
        List<Route> matched = new ArrayList<>();
        for (Route route : routes) {
            if (route.matches(event)) {
                matched.add(route);
                if (!route.continueMatching()) {
                    return matched;
                }
            }
        }
        if (matched.isEmpty()) {
            defaultRoute.ifPresent(matched::add);
        }
        return matched;
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<Route> defaultRoute() {
        return defaultRoute;
    }
}
