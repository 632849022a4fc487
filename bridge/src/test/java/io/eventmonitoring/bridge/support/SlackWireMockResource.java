package io.eventmonitoring.bridge.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        resetToOk(server);
        String base = "http://127.0.0.1:" + server.port() + "/services/";
        return Map.of(
                "bridge.channels.user.webhook-url", base + "user",
                "bridge.channels.order.webhook-url", base + "order");
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
