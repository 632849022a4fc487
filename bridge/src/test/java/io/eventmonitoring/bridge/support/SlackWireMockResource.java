package io.eventmonitoring.bridge.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock playing Slack's incoming webhooks: {@code POST /services/<channel>} answers 200 with body {@code ok},
 * as Slack documents. Tests change the stubs to play 429s, 5xx and Slack's error codes.
 */
public class SlackWireMockResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: comma-separated channel names to give webhook URLs; {@code user,order} by default. */
    public static final String CHANNELS = "channels";

    private WireMockServer server;
    private List<String> channels = List.of("user", "order");

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey(CHANNELS)) {
            channels = List.of(initArgs.get(CHANNELS).split(","));
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
        return config;
    }

    /** The webhook URL of a channel: like Slack's, its last segment is the secret. */
    public static String url(WireMockServer server, String channel) {
        return "http://127.0.0.1:" + server.port() + path(channel);
    }

    public static String path(String channel) {
        return "/services/T0TEST/B0" + channel.toUpperCase(Locale.ROOT) + "/secret" + channel.hashCode();
    }

    public static void resetToOk(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlPathMatching("/services/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("ok")));
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
