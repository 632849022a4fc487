package io.eventmonitoring.bridge.config;

import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.interaction.SilenceButton;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.bridge.slack.AppChannel;
import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.quarkus.qute.Engine;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class BridgeConfigValidatorTest {

    private static final String USER_URL = "https://hooks.slack.example/services/T1/B1/user-secret-token";
    private static final String ORDER_URL = "https://hooks.slack.example/services/T1/B2/order-secret-token";

    private final BridgeConfigValidator validator = new BridgeConfigValidator(Engine.builder().addDefaults().build());

    @Test
    void withoutRoutesEachDomainGoesToTheChannelOfItsName() {
        Validated validated = validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url", USER_URL,
                "bridge.channels.order.webhook-url", ORDER_URL)));

        assertThat(validated.router().routes()).extracting(Route::name, Route::channel)
                .containsExactly(tuple("user-events", "user"),
                        tuple("order-events", "order"));
        assertThat(validated.router().defaultRoute()).isEmpty();
        assertThat(((WebhookUrl) validated.channels().get("user").destination()).uri().toString()).isEqualTo(USER_URL);
        assertThat(((WebhookUrl) validated.channels().get("user").destination()).toString()).doesNotContain("secret");
    }

    @Test
    void routesMayNameAnyDomainAndWithoutRoutesAnyChannelTakesTheDomainOfItsName() {
        Validated validated = validator.validate(config(Map.of(
                "bridge.channels.payment.webhook-url", USER_URL,
                "bridge.routes[0].name", "payments",
                "bridge.routes[0].channel", "payment",
                "bridge.routes[0].match.domain", "payment",
                "bridge.routes[1].name", "invoices",
                "bridge.routes[1].channel", "payment",
                "bridge.routes[1].match.type", "invoice.*")));
        assertThat(validated.router().routes()).extracting(Route::name).containsExactly("payments", "invoices");

        Validated defaults = validator.validate(config(Map.of("bridge.channels.payment.webhook-url", USER_URL)));
        assertThat(defaults.router().routes()).extracting(Route::name, Route::channel, Route::domain)
                .containsExactly(tuple("payment-events", "payment", Optional.of("payment")));
    }

    @Test
    void everyProblemIsReportedByItsKeyAndNoSecretIsPrinted() {
        Map<String, String> props = new HashMap<>();
        props.put("bridge.channels.user.webhook-url", "not a url with secret-token");
        props.put("bridge.channels.order.min-interval", "0s");
        props.put("bridge.routes[0].name", "vip");
        props.put("bridge.routes[0].channel", "vip-channel");
        props.put("bridge.routes[0].match.domain", "in voice.");
        props.put("bridge.routes[0].match.type", "order.*, ");
        props.put("bridge.routes[0].template", "{#if}broken");
        props.put("bridge.routes[1].name", "vip");
        props.put("bridge.routes[1].channel", "user");
        props.put("bridge.default-channel", "nowhere");

        assertThatThrownBy(() -> validator.validate(config(props)))
                .isInstanceOf(InvalidBridgeConfigException.class)
                .satisfies(e -> {
                    List<String> problems = ((InvalidBridgeConfigException) e).problems();
                    assertThat(problems.stream().map(p -> p.substring(0, p.indexOf(": "))).toList()).contains(
                            "bridge.channels.user.webhook-url", "bridge.channels.order.webhook-url",
                            "bridge.channels.order.min-interval", "bridge.routes[0].channel",
                            "bridge.routes[0].match.domain", "bridge.routes[0].template", "bridge.routes[1].name",
                            "bridge.default-channel");
                    assertThat(problems).filteredOn(p -> p.startsWith("bridge.channels.order.webhook-url: "))
                            .singleElement().asString().contains("SLACK_WEBHOOK_ORDER");
                })
                .message().doesNotContain("secret-token");
    }

    @Test
    void theWebhookUrlMayComeFromAMountedSecretFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("user-webhook");
        Files.writeString(secret, USER_URL + "\n");

        Validated validated = validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url-file", secret.toString())));

        assertThat(((WebhookUrl) validated.channels().get("user").destination()).uri().toString()).isEqualTo(USER_URL);
    }

    @Test
    void anUnreadableSecretFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url-file", dir.resolve("missing").toString()))))
                .hasMessageContaining("bridge.channels.user.webhook-url-file: cannot read");
    }

    @Test
    void aChannelMayNotTakeTheKeyOfAReplicasCountersInBridgeStatus() {
        assertThatThrownBy(() -> validator.validate(config(Map.of(
                "bridge.channels.\"replica:a\".webhook-url", USER_URL))))
                .hasMessageContaining("bridge.channels.replica:a: a channel's name may not start with 'replica:'");
    }

    @Test
    void theUsersFileIsCheckedForChangesAtAPositiveInterval() {
        assertThatThrownBy(() -> validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url", USER_URL,
                "bridge.security.users-file-check-interval", "0s"))))
                .hasMessageContaining("bridge.security.users-file-check-interval: must be positive");
    }

    @Test
    void unknownKeysStopStartupNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of(
                "bridge.channels.user.webhook-url", USER_URL,
                "bridge.routes[0].name", "typo",
                "bridge.routes[0].channel", "user",
                "bridge.routes[0].match.domian", "user")))
                .hasMessageContaining("bridge.routes[0].match.domian");
    }

    @Test
    void buttonsAreOffByDefaultAndAnUnknownOneIsNamedByItsKey() {
        assertThat(validator.validate(config(Map.of("bridge.channels.user.webhook-url", USER_URL))).routeButtons())
                .isEmpty();
        assertThatThrownBy(() -> validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url", USER_URL,
                "bridge.routes[0].name", "users",
                "bridge.routes[0].channel", "user",
                "bridge.routes[0].match.domain", "user",
                "bridge.routes[0].buttons", "silence-entity,acknowledge"))))
                .isInstanceOf(InvalidBridgeConfigException.class)
                .hasMessageContaining("bridge.routes[0].buttons: unknown button 'acknowledge' (known: [silence-type, silence-entity])");
    }

    @Test
    void anAppChannelHasABotTokenFromTheEnvironmentOrAFileAndASlackChannelId(@TempDir Path dir) throws IOException {
        Path token = dir.resolve("oncall-token");
        Files.writeString(token, "xoxb-file-secret-token\n");
        Validated validated = validator.validate(config(Map.of(
                "bridge.channels.order.bot-token", "xoxb-env-secret-token",
                "bridge.channels.order.slack-channel-id", "C0123456789",
                "bridge.channels.oncall.bot-token-file", token.toString(),
                "bridge.channels.oncall.slack-channel-id", "G0ONCALL",
                "bridge.channels.audit.bot-token-file", token.toString(),
                "bridge.channels.audit.slack-channel-id", "C0AUDIT")));

        AppChannel order = (AppChannel) validated.channels().get("order").destination();
        assertThat(order.channelId()).isEqualTo("C0123456789");
        assertThat(order.token().bearer()).isEqualTo("Bearer xoxb-env-secret-token");
        assertThat(((AppChannel) validated.channels().get("oncall").destination()).token().bearer())
                .isEqualTo("Bearer xoxb-file-secret-token");
        // Channels of one token share its budgets: they are given the same token.
        assertThat(validated.channels().get("audit").token()).containsSame(validated.channels().get("oncall").token().get());
        assertThat(validated.channels().toString()).doesNotContain("secret-token");
    }

    @Test
    void anAppChannelsProblemsAreNamedByKeyWithoutTheToken(@TempDir Path dir) {
        Map<String, String> props = new HashMap<>();
        props.put("bridge.channels.order.bot-token", "xoxb-secret-token");
        props.put("bridge.channels.user.slack-channel-id", "C0USER");
        props.put("bridge.channels.audit.bot-token", "xoxb-secret-token");
        props.put("bridge.channels.audit.slack-channel-id", "#audit");
        props.put("bridge.channels.audit.webhook-url", USER_URL);
        props.put("bridge.channels.oncall.bot-token-file", dir.resolve("missing").toString());
        props.put("bridge.channels.oncall.slack-channel-id", "C0ONCALL");

        assertThatThrownBy(() -> validator.validate(config(props)))
                .isInstanceOf(InvalidBridgeConfigException.class)
                .satisfies(e -> assertThat(((InvalidBridgeConfigException) e).problems().stream()
                        .map(p -> p.substring(0, p.indexOf(": "))).toList()).containsExactlyInAnyOrder(
                        "bridge.channels.order.slack-channel-id", "bridge.channels.user.bot-token",
                        "bridge.channels.audit.slack-channel-id", "bridge.channels.audit",
                        "bridge.channels.oncall.bot-token-file"))
                .message().doesNotContain("secret-token").contains("cannot read " + dir.resolve("missing"));
    }

    @Test
    void appChannelsThreadByKeyUnlessTheRouteSaysNoneAndWebhooksCannotThread() {
        Map<String, String> props = new HashMap<>();
        props.put("bridge.channels.order.bot-token", "xoxb-secret-token");
        props.put("bridge.channels.order.slack-channel-id", "C0ORDER");
        props.put("bridge.channels.user.webhook-url", USER_URL);
        props.put("bridge.routes[0].name", "returns");
        props.put("bridge.routes[0].channel", "order");
        props.put("bridge.routes[0].match.type", "order.returned");
        props.put("bridge.routes[0].thread-by", "none");
        props.put("bridge.routes[1].name", "orders");
        props.put("bridge.routes[1].channel", "order");
        props.put("bridge.routes[1].match.domain", "order");
        props.put("bridge.routes[1].reply-broadcast", "order.cancelled");
        props.put("bridge.routes[2].name", "users");
        props.put("bridge.routes[2].channel", "user");
        props.put("bridge.routes[2].match.domain", "user");

        Validated validated = validator.validate(config(props));
        assertThat(validated.threading().get("returns").byKey()).isFalse();
        assertThat(validated.threading().get("orders").byKey()).isTrue();
        assertThat(validated.threading().get("orders").replyBroadcast()).extracting(g -> g.expression())
                .containsExactly("order.cancelled");
        assertThat(validated.threading().get("users").byKey()).isFalse();

        props.put("bridge.routes[2].thread-by", "key");
        props.put("bridge.routes[0].thread-by", "subject");
        assertThatThrownBy(() -> validator.validate(config(props)))
                .isInstanceOf(InvalidBridgeConfigException.class)
                .satisfies(e -> assertThat(((InvalidBridgeConfigException) e).problems().stream()
                        .map(p -> p.substring(0, p.indexOf(": "))).toList())
                        .containsExactlyInAnyOrder("bridge.routes[0].thread-by", "bridge.routes[2].thread-by"));
    }

    @Test
    void theExampleRoutesFileIsValid(@TempDir Path dir) throws IOException {
        Path oncall = dir.resolve("oncall-webhook");
        Files.writeString(oncall, "https://hooks.slack.example/services/T1/B3/oncall-secret");
        String yaml = Files.readString(Path.of("routes.example.yaml"))
                .replace("/etc/bridge/secrets/oncall-webhook", oncall.toString());
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(BridgeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .addDefaultInterceptors()
                .withSources(new YamlConfigSource("routes.example.yaml", yaml))
                .withSources(new PropertiesConfigSource(Map.of(
                        "SLACK_WEBHOOK_USER", USER_URL, "SLACK_WEBHOOK_ORDER", ORDER_URL), "env", 300))
                .build();

        Validated validated = validator.validate(config.getConfigMapping(BridgeConfig.class));

        assertThat(validated.router().routes()).extracting(Route::name)
                .containsExactly("refunds", "vip-orders", "orders", "users");
        assertThat(validated.router().routes().get(0).continueMatching()).isTrue();
        assertThat(validated.routeTemplates()).containsOnlyKeys("refunds");
        assertThat(validated.routeButtons()).containsOnlyKeys("orders");
        assertThat(validated.routeButtons().get("orders")).containsExactly(SilenceButton.TYPE, SilenceButton.ENTITY);
        assertThat(validated.channels().get("oncall").minInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(validated.router().defaultRoute()).map(Route::channel).contains("user");
    }

    private static BridgeConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(BridgeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(BridgeConfig.class);
    }
}
