package io.eventmonitoring.bridge.interaction;

import io.eventmonitoring.bridge.match.DomainName;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.slack.SlackMessage.Block;
import io.eventmonitoring.bridge.slack.SlackMessage.Button;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which routes show which silence buttons, and the actions block of one of their events. */
public final class SilenceButtons {

    private final Map<String, Set<SilenceButton>> byRoute;
    private final Set<String> channels;

    /**
     * @param byRoute  the buttons of each route that shows any
     * @param channels the configured channels: a click names one, or it is refused
     */
    public SilenceButtons(Map<String, Set<SilenceButton>> byRoute, Set<String> channels) {
        this.byRoute = Map.copyOf(byRoute);
        this.channels = Set.copyOf(channels);
    }

    /**
     * The buttons under a single event's message, if its route shows any. A button is left out when what it would
     * silence cannot be said exactly: a glob character in the type or subject, no subject, one too long for a glob, or a value over Slack's
     * limit. The note about a silence never carries buttons.
     */
    public Optional<Block> actions(Notification notification, String domain, String subject) {
        Set<SilenceButton> shown = byRoute.getOrDefault(notification.route(), Set.of());
        if (shown.isEmpty() || SilenceNote.TYPE.equals(notification.type())) {
            return Optional.empty();
        }
        String value = new ButtonValue(notification.channel(), notification.route(), notification.type(), domain,
                subject, notification.key()).encode();
        if (value.length() > ButtonValue.MAX_LENGTH) {
            return Optional.empty();
        }
        List<Button> buttons = new ArrayList<>();
        if (shown.contains(SilenceButton.TYPE) && literal(notification.type())) {
            buttons.add(Button.of(SilenceButton.TYPE.label(), SilenceButton.TYPE.id(), value));
        }
        if (shown.contains(SilenceButton.ENTITY) && DomainName.isValid(domain) && literal(subject)) {
            buttons.add(Button.of(SilenceButton.ENTITY.label(), SilenceButton.ENTITY.id(), value));
        }
        return buttons.isEmpty() ? Optional.empty() : Optional.of(Block.actions(buttons));
    }

    boolean knowsChannel(String channel) {
        return channels.contains(channel);
    }

    /** Parses a route's {@code buttons} setting; unknown names are reported with the known ones. */
    public static Set<SilenceButton> parse(List<String> names, List<String> problems, String key) {
        Set<SilenceButton> buttons = EnumSet.noneOf(SilenceButton.class);
        for (String name : names) {
            SilenceButton.byId(name.strip()).ifPresentOrElse(buttons::add, () -> problems.add(key + ": unknown button '"
                    + name + "' (known: " + List.of(SilenceButton.values()).stream().map(SilenceButton::id).toList() + ")"));
        }
        return buttons;
    }

    private static boolean literal(String text) {
        return text != null && !text.isEmpty() && text.length() <= Glob.MAX_LENGTH
                && text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }
}
