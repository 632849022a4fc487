package io.eventmonitoring.events;

/** Record keys on {@link Topics#BUSINESS_EVENTS}: the domain keeps routing by key possible, the id spreads load. */
public final class EventKey {

    private EventKey() {
    }

    public static String of(String domain, String entityId) {
        return domain + ":" + entityId;
    }
}
