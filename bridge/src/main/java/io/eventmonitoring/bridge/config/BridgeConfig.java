package io.eventmonitoring.bridge.config;

import io.eventmonitoring.events.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bridge's routes and channels. Unknown keys under {@code bridge.} stop startup (SmallRye Config validates
 * mappings), and {@link BridgeConfigValidator} checks what types cannot: references, globs, templates, secrets.
 */
@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {

    /** Slack channels by name; each posts through its own incoming webhook, or as a Slack app with a bot token. */
    Map<String, ChannelConfig> channels();

    /**
     * Routes in order: the first that matches wins unless it says {@code continue}. Without any, each domain
     * routes to the channel of the same name (user events to {@code user}, order events to {@code order}).
     */
    Optional<List<RouteConfig>> routes();

    /** The channel of the default route, for events no route matched; without it they are dead-lettered. */
    Optional<String> defaultChannel();

    DeliveryConfig delivery();

    AdminConfig admin();

    SecurityConfig security();

    interface ChannelConfig {

        /** The incoming webhook URL: a secret, give it through the environment (e.g. SLACK_WEBHOOK_USER). */
        Optional<String> webhookUrl();

        /** A file holding the webhook URL, e.g. a mounted Kubernetes Secret; used when webhook-url is not set. */
        Optional<Path> webhookUrlFile();

        /** An app channel's bot token ({@code xoxb-...}): a secret, give it through the environment. */
        Optional<String> botToken();

        /** A file holding the bot token, e.g. a mounted Kubernetes Secret; read again when it changes. */
        Optional<Path> botTokenFile();

        /** An app channel's Slack channel id, e.g. {@code C0123456789}. */
        Optional<String> slackChannelId();

        /** The least time between two posts: Slack allows about one message per second per webhook. */
        @WithDefault("1s")
        Duration minInterval();

        /** A Qute template for single events; the domain's default template when absent. */
        Optional<String> template();

        /** How many events a digest shows in full. */
        @WithDefault("3")
        int digestExamples();
    }

    interface RouteConfig {

        String name();

        /** The channel this route posts to. */
        String channel();

        MatchConfig match();

        /** Keep matching the routes after this one. */
        @WithName("continue")
        @WithDefault("false")
        boolean continueMatching();

        /** A Qute template for this route's messages, overriding the channel's. */
        Optional<String> template();

        /** Buttons under this route's messages: {@code silence-type}, {@code silence-entity}; none by default. */
        Optional<List<String>> buttons();

        /**
         * On an app channel, {@code key} (the default there) puts each entity's events in one Slack thread, the entity
         * being the event's record key ({@code order:42}); {@code none} posts each event on its own.
         */
        Optional<String> threadBy();

        /** Type globs of threaded events that are also shown in the channel ({@code reply_broadcast}). */
        Optional<List<String>> replyBroadcast();
    }

    interface MatchConfig {

        /** The event's domain, the type's prefix: {@code user}, {@code order}. */
        Optional<String> domain();

        /** Type globs, e.g. {@code order.*} or {@code user.account-deleted}; any of them matches. */
        Optional<List<String>> type();

        /** Severities that match; any when absent. */
        Optional<Set<Severity>> severity();

        /** Data attributes by dotted path (e.g. {@code customer.tier}) with a glob for the value; all must match. */
        Map<String, String> attributes();
    }

    interface DeliveryConfig {

        /** After a 429 the channel posts this much slower, up to max-slow-down times its min-interval. */
        @WithDefault("2")
        double slowDownFactor();

        @WithDefault("8")
        double maxSlowDown();

        /** The first backoff after a 5xx, timeout or connection error; it doubles, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** How long a message is retried before its events are dead-lettered. */
        @WithDefault("5m")
        Duration giveUpAfter();

        /** Bound on events waiting for their channel, across channels; the outbox consumer pauses beyond it. */
        @WithDefault("100000")
        int maxQueued();

        /** Event ids remembered per channel so a redelivered event is not posted twice. */
        @WithDefault("100000")
        int dedupCapacity();
    }

    /** The single user of the bridge before the users file; kept as one more user with role {@code operator}. */
    interface AdminConfig {

        /** Name of that user (env BRIDGE_ADMIN_USERNAME). */
        @WithDefault("admin")
        String username();

        /** Its password (env BRIDGE_ADMIN_PASSWORD); without it there is no such user. */
        Optional<String> password();
    }

    interface SecurityConfig {

        /**
         * The users of the console and the management API, one {@code name:bcrypt-hash:role,role} a line (roles
         * {@code viewer}, {@code operator}); a mounted Secret (env BRIDGE_SECURITY_USERS_FILE).
         */
        Optional<Path> usersFile();

        /** How often the users file is looked at: when it changed (a Secret updated in place), it is read again. */
        @WithDefault("5s")
        Duration usersFileCheckInterval();
    }
}
