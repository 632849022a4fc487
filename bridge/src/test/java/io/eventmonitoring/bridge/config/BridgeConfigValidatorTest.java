package io.eventmonitoring.bridge.config;

import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.routing.Route;
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
import java.util.Map;

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
        assertThat(validated.channels().get("user").webhook().uri().toString()).isEqualTo(USER_URL);
        assertThat(validated.channels().get("user").webhook().toString()).doesNotContain("secret");
    }

    @Test
    void everyProblemIsReportedByItsKeyAndNoSecretIsPrinted() {
        Map<String, String> props = new HashMap<>();
        props.put("bridge.channels.user.webhook-url", "not a url with secret-token");
        props.put("bridge.channels.order.min-interval", "0s");
        props.put("bridge.routes[0].name", "vip");
        props.put("bridge.routes[0].channel", "vip-channel");
        props.put("bridge.routes[0].match.domain", "invoice");
        props.put("bridge.routes[0].match.type", "order.*, ");
        props.put("bridge.routes[0].template", "{#if}broken");
        props.put("bridge.routes[1].name", "vip");
        props.put("bridge.routes[1].channel", "user");
        props.put("bridge.default-channel", "nowhere");

        assertThatThrownBy(() -> validator.validate(config(props)))
                .isInstanceOf(InvalidBridgeConfigException.class)
                .satisfies(e -> assertThat(((InvalidBridgeConfigException) e).problems()).anySatisfy(p ->
                        assertThat(p).startsWith("bridge.channels.user.webhook-url: not a valid URL")))
                .hasMessageContaining("bridge.channels.order.webhook-url: not set; give the channel's Slack webhook URL in env SLACK_WEBHOOK_ORDER")
                .hasMessageContaining("bridge.channels.order.min-interval: must be positive")
                .hasMessageContaining("bridge.routes[0].channel: no channel 'vip-channel' under bridge.channels")
                .hasMessageContaining("bridge.routes[0].match.domain: unknown domain 'invoice'")
                .hasMessageContaining("bridge.routes[0].template: the template does not parse")
                .hasMessageContaining("bridge.routes[1].name: 'vip' is used by another route")
                .hasMessageContaining("bridge.default-channel: no channel 'nowhere'")
                .message().doesNotContain("secret-token");
    }

    @Test
    void theWebhookUrlMayComeFromAMountedSecretFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("user-webhook");
        Files.writeString(secret, USER_URL + "\n");

        Validated validated = validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url-file", secret.toString())));

        assertThat(validated.channels().get("user").webhook().uri().toString()).isEqualTo(USER_URL);
    }

    @Test
    void anUnreadableSecretFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> validator.validate(config(Map.of(
                "bridge.channels.user.webhook-url-file", dir.resolve("missing").toString()))))
                .hasMessageContaining("bridge.channels.user.webhook-url-file: cannot read");
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
