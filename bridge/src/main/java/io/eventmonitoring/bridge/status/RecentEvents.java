package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.events.CloudEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The latest events of business-events, with the routes they take: what a silence would have matched. Bounded by age,
 * by count and by the size of the events' JSON; the oldest go first.
 */
@Singleton
public class RecentEvents {

    /** Matching events a preview shows, newest first. */
    static final int EXAMPLES = 5;

    /** A route an event took, and its channel: silences match on both. */
    public record Routed(String route, String channel) {
    }

    public record Example(String id, String type, String severity, String subject, Instant at, List<String> routes) {
    }

    /**
     * @param matched  events of the window the silence matches (on any of their routes)
     * @param examined events in the window
     * @param from     the oldest event in the window, null when it is empty
     */
    public record Preview(int matched, int examined, Instant from, List<Example> examples) {
    }

    private record Entry(CloudEvent event, List<Routed> routes, Instant at, long chars) {
    }

    private final Duration window;
    private final int maxEvents;
    private final long maxChars;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long chars;

    @Inject
    RecentEvents(StatusConfig config) {
        this(config.window(), config.windowEvents(), config.windowChars());
    }

    public RecentEvents(Duration window, int maxEvents, long maxChars) {
        this.window = window;
        this.maxEvents = maxEvents;
        this.maxChars = maxChars;
    }

    public Duration window() {
        return window;
    }

    /** An event written at {@code at}; {@code chars} is the length of its JSON, its share of the memory bound. */
    public synchronized void add(CloudEvent event, List<Routed> routes, Instant at, long chars) {
        if (routes.isEmpty() || chars > maxChars) {
            return;
        }
        entries.addLast(new Entry(event, List.copyOf(routes), at, chars));
        this.chars += chars;
        evict(at);
    }

    /** How many events of the window the silence would have matched, and the newest few of them. */
    public Preview preview(SilenceRule rule, Instant now) {
        List<Entry> snapshot;
        synchronized (this) {
            evict(now);
            snapshot = new ArrayList<>(entries);
        }
        int matched = 0;
        List<Example> examples = new ArrayList<>();
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            Entry entry = snapshot.get(i);
            List<String> routes = entry.routes().stream()
                    .filter(r -> rule.matches(entry.event(), r.route(), r.channel()))
                    .map(Routed::route).toList();
            if (routes.isEmpty()) {
                continue;
            }
            matched++;
            if (examples.size() < EXAMPLES) {
                CloudEvent event = entry.event();
                examples.add(new Example(event.id(), event.type(), event.severity().value(), event.subject(),
                        entry.at(), routes));
            }
        }
        return new Preview(matched, snapshot.size(), snapshot.isEmpty() ? null : snapshot.get(0).at(), examples);
    }

    private void evict(Instant now) {
        Instant oldest = now.minus(window);
        while (!entries.isEmpty() && (entries.size() > maxEvents || chars > maxChars
                || entries.peekFirst().at().isBefore(oldest))) {
            chars -= entries.removeFirst().chars();
        }
    }
}
