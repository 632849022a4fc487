package io.eventmonitoring.bridge.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock playing Slack's incoming webhooks: {@code POST /services/<channel>} answers 200 with body {@code ok},
 * as Slack documents; and Slack's Web API under {@code /api}: {@code chat.postMessage} answers
 * {@code {"ok":true,"channel":..,"ts":..}} with a new ts, {@code chat.update} the ts it was given, both only to the
 * {@code Bearer} of a bot token. Tests change the stubs to play 429s, 5xx and Slack's error codes.
 */
public class SlackWireMockResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: comma-separated channel names to give webhook URLs; {@code user,order} by default. */
    public static final String CHANNELS = "channels";
    /** Init arg: comma-separated app channels, each given a bot token in a file of {@link #tokenFile} and a channel id. */
    public static final String APP_CHANNELS = "app-channels";
    public static final String POST_MESSAGE = "/api/chat.postMessage";
    public static final String UPDATE = "/api/chat.update";
    private static final Path TOKENS = createTokenDirectory();

    private WireMockServer server;
    private List<String> channels = List.of("user", "order");
    private List<String> appChannels = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey(CHANNELS)) {
            channels = List.of(initArgs.get(CHANNELS).split(","));
        }
        if (initArgs.containsKey(APP_CHANNELS)) {
            appChannels = List.of(initArgs.get(APP_CHANNELS).split(","));
        }
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        resetToOk(server);
        Map<String, String> config = new HashMap<>();
        for (String channel : channels) {
            config.put("bridge.channels." + channel + ".webhook-url", url(server, channel));
        }
        for (String channel : appChannels) {
            writeToken(channel, token(channel));
            config.put("bridge.channels." + channel + ".bot-token-file", tokenFile(channel).toString());
            config.put("bridge.channels." + channel + ".slack-channel-id", channelId(channel));
        }
        config.put("bridge.slack.api-url", "http://127.0.0.1:" + server.port() + "/api");
        return config;
    }

    /** The webhook URL of a channel: like Slack's, its last segment is the secret. */
    public static String url(WireMockServer server, String channel) {
        return "http://127.0.0.1:" + server.port() + path(channel);
    }

    public static String path(String channel) {
        return "/services/T0TEST/B0" + channel.toUpperCase(Locale.ROOT) + "/secret" + channel.hashCode();
    }

    /** The Slack channel id of an app channel: {@code app-order} is {@code C0APPORDER}. */
    public static String channelId(String channel) {
        return "C0" + channel.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    /** The bot token an app channel starts with; a secret the bridge must never show. */
    public static String token(String channel) {
        return "xoxb-test-" + channel + "-s3cret";
    }

    public static Path tokenFile(String channel) {
        return TOKENS.resolve(channel + ".token");
    }

    /** Rotates an app channel's token, as Kubernetes does when a mounted Secret changes. */
    public static void writeToken(String channel, String token) {
        try {
            Files.writeString(tokenFile(channel), token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void resetToOk(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlPathMatching("/services/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("ok")));
        server.stubFor(post(urlPathEqualTo(POST_MESSAGE)).atPriority(10)
                .withHeader("Authorization", matching("Bearer xoxb-.+"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                        + "\"ts\":\"{{now format='epoch'}}.{{randomValue length=6 type='NUMERIC'}}\"}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo(UPDATE)).atPriority(10)
                .withHeader("Authorization", matching("Bearer xoxb-.+"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                        + "\"ts\":\"{{jsonPath request.body '$.ts'}}\"}")
                        .withTransformers("response-template")));
    }

    private static Path createTokenDirectory() {
        try {
            return Files.createTempDirectory("slack-tokens");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectSlack.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
