package io.eventmonitoring.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton across the whole system: HTTP into domain-user and domain-order, keyed CloudEvents on a real
 * 3-broker KRaft cluster, the bridge, and Slack's webhook contract played by WireMock. Every service is its packaged
 * app in its own JVM.
 */
class FirstEventEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static WireMockServer slack;
    private static String userWebhook;
    private static String orderWebhook;
    private static ServiceProcess user;
    private static ServiceProcess order;
    private static ServiceProcess bridge;

    @BeforeAll
    static void startPlatform() throws Exception {
        String bootstrap = KafkaCluster.shared().bootstrapServers();
        slack = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        slack.start();
        slack.stubFor(post(urlPathMatching("/services/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("ok")));
        // Shaped like real webhook URLs, whose last part is the secret.
        userWebhook = "http://127.0.0.1:" + slack.port() + "/services/T0E2E/B0USER/" + UUID.randomUUID().toString().replace("-", "");
        orderWebhook = "http://127.0.0.1:" + slack.port() + "/services/T0E2E/B0ORDER/" + UUID.randomUUID().toString().replace("-", "");

        Map<String, String> kafka = Map.of("kafka.bootstrap.servers", bootstrap);
        user = ServiceProcess.start("domain-user", kafka, Map.of());
        order = ServiceProcess.start("domain-order", kafka, Map.of());
        bridge = ServiceProcess.start("bridge", kafka, Map.of(
                "SLACK_WEBHOOK_USER", userWebhook,
                "SLACK_WEBHOOK_ORDER", orderWebhook));
        user.awaitReady();
        order.awaitReady();
        bridge.awaitReady();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        CapturedRecords.write(Topics.BUSINESS_EVENTS, Topics.SERVICE_LOGS);
        for (AutoCloseable service : new AutoCloseable[]{bridge, order, user}) {
            if (service != null) {
                service.close();
            }
        }
        if (slack != null) {
            slack.stop();
        }
    }

    @Test
    void aUserAndAnOrderEachReachOnlyTheirOwnChannel() throws Exception {
        String email = "ada+" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> userAccepted = user.postJson("/users", "{\"email\":\"" + email + "\",\"name\":\"Ada\"}");
        assertThat(userAccepted.statusCode()).isEqualTo(202);
        assertThat(userAccepted.body()).contains("\"type\":\"user.signed-up\"", "\"eventId\":");

        String customer = "customer-" + UUID.randomUUID();
        HttpResponse<String> orderAccepted = order.postJson("/orders", "{\"customerId\":\"" + customer
                + "\",\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPrice\":12.50}]}");
        assertThat(orderAccepted.statusCode()).isEqualTo(202);

        String userPath = java.net.URI.create(userWebhook).getPath();
        String orderPath = java.net.URI.create(orderWebhook).getPath();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            slack.verify(1, postRequestedFor(urlPathEqualTo(userPath)).withRequestBody(containing(email)));
            slack.verify(1, postRequestedFor(urlPathEqualTo(orderPath)).withRequestBody(containing(customer)));
        });
        slack.verify(0, postRequestedFor(urlPathEqualTo(orderPath)).withRequestBody(containing(email)));
        slack.verify(0, postRequestedFor(urlPathEqualTo(userPath)).withRequestBody(containing(customer)));
    }

    @Test
    void webhookUrlsNeverAppearInAnyServiceLog() throws Exception {
        aUserAndAnOrderEachReachOnlyTheirOwnChannel();
        for (ServiceProcess service : new ServiceProcess[]{user, order, bridge}) {
            String output = service.output();
            assertThat(output).isNotBlank();
            assertThat(output).doesNotContain(secretOf(userWebhook)).doesNotContain(secretOf(orderWebhook));
        }
        // Started without BRIDGE_SESSION_KEY: the key form authentication then makes up must not be logged either.
        assertThat(bridge.output()).contains("BRIDGE_SESSION_KEY").doesNotContain("temporary key");
    }

    @Test
    void everyServiceShipsItsEcsLogRecordsToServiceLogsWithoutSecrets() throws Exception {
        aUserAndAnOrderEachReachOnlyTheirOwnChannel();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                KafkaCluster.shared().readAll(Topics.SERVICE_LOGS).stream().map(r -> r.key()).distinct())
                .contains("domain-user", "domain-order", "bridge"));
        for (var record : KafkaCluster.shared().readAll(Topics.SERVICE_LOGS)) {
            var json = MAPPER.readTree(record.value());
            assertThat(json.path("@timestamp").isTextual()).as(record.value()).isTrue();
            assertThat(json.path("log.level").isTextual()).as(record.value()).isTrue();
            assertThat(record.value()).doesNotContain(secretOf(userWebhook)).doesNotContain(secretOf(orderWebhook));
        }
        assertThat(KafkaCluster.shared().readAll(Topics.SERVICE_LOGS).stream()
                .filter(r -> "bridge".equals(r.key()))
                .map(r -> r.value())
                .filter(v -> v.contains("\"eventmonitoring.outcome\":\"posted\"")))
                .isNotEmpty();
    }

    private static String secretOf(String webhook) {
        return webhook.substring(webhook.lastIndexOf('/') + 1);
    }
}
