package io.eventmonitoring.events;

/** Every business event type, with the domain that emits it and the severity a human would give it. */
public enum EventType {
    USER_SIGNED_UP(Domain.USER, "user.signed-up", Severity.INFO),
    USER_PROFILE_UPDATED(Domain.USER, "user.profile-updated", Severity.INFO),
    USER_ACCOUNT_DELETED(Domain.USER, "user.account-deleted", Severity.WARNING),
    USER_PASSWORD_RESET_REQUESTED(Domain.USER, "user.password-reset-requested", Severity.WARNING),
    USER_REVIEW_POSTED(Domain.USER, "user.review-posted", Severity.INFO),
    ORDER_CREATED(Domain.ORDER, "order.created", Severity.INFO),
    ORDER_ITEM_ADDED(Domain.ORDER, "order.item-added", Severity.INFO),
    ORDER_ITEM_REMOVED(Domain.ORDER, "order.item-removed", Severity.INFO),
    ORDER_CANCELLED(Domain.ORDER, "order.cancelled", Severity.WARNING),
    ORDER_RETURNED(Domain.ORDER, "order.returned", Severity.CRITICAL);

    private final Domain domain;
    private final String value;
    private final Severity severity;

    EventType(Domain domain, String value, Severity severity) {
        this.domain = domain;
        this.value = value;
        this.severity = severity;
    }

    public Domain domain() {
        return domain;
    }

    public String value() {
        return value;
    }

    public Severity severity() {
        return severity;
    }
}
