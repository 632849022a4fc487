package io.eventmonitoring.bridge.slack;

import java.net.URI;

/** A webhook URL is a credential: it never prints, not even in an exception. */
public final class WebhookUrl implements SlackDestination {

    private final URI uri;

    public WebhookUrl(URI uri) {
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookUrl w && w.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return uri.getScheme() + "://" + uri.getHost() + "/***";
    }
}
