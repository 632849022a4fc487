package io.eventmonitoring.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.slacksink.Message;
import io.eventmonitoring.slacksink.SlackSink;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged bridges in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): logged in to each
 * replica, both overviews list the same channels with the same owners and last posts, whichever replica owns them.
 * Both replicas share the session key, as on Kubernetes: a session made by either works on both (on localhost the
 * cookie is sent to both ports).
 */
@Tag("browser")
class ConsoleReplicasBrowserTest {

    private static final String PASSWORD = "console-" + UUID.randomUUID();
    private static final String SESSION_KEY = UUID.randomUUID() + "-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A channel's row of the overview as its owner published it, without how old it is at the moment of looking. */
    private record Row(String channel, String owner, String state, String lastOutcome) {
    }

    @Test
    void bothReplicasServeTheSameOverviewInABrowser() throws Exception {
        ChromeDriver driver = browser();
        List<Message> received = new CopyOnWriteArrayList<>();
        try (SlackSink slack = SlackSink.start(0, line -> { }, received::add)) {
            String orderWebhook = slack.url("CONSOLE");
            Map<String, String> env = Map.of("SLACK_WEBHOOK_USER", slack.url("CONSOLEUSER"),
                    "SLACK_WEBHOOK_ORDER", orderWebhook, "BRIDGE_ADMIN_PASSWORD", PASSWORD,
                    "BRIDGE_SESSION_KEY", SESSION_KEY);
            try (ServiceProcess a = bridge(env, "replica-a"); ServiceProcess b = bridge(env, "replica-b")) {
                a.awaitReady();
                b.awaitReady();
                sendOrders(5);
                await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                        .filter(m -> m.channel().equals("CONSOLE")).mapToInt(Message::events).sum() >= 5);

                login(driver, a);
                login(driver, b);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<Row> fromA = overview(driver, a);
                    List<Row> fromB = overview(driver, b);
                    assertThat(fromA).isEqualTo(fromB);
                    assertThat(fromA).extracting(Row::channel).containsExactly("order", "user");
                    assertThat(fromA).extracting(Row::owner).allMatch(Set.of("replica-a", "replica-b")::contains);
                    assertThat(fromA.get(0).lastOutcome()).startsWith("posted");
                });
                screenshot(driver, a, "overview-replica-a");
                screenshot(driver, b, "overview-replica-b");
            }
        } finally {
            driver.quit();
        }
    }

    private static ChromeDriver browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("browser.driver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("browser.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        return new ChromeDriver(service, options);
    }

    /** Logs in with the console's form of one replica. */
    private static void login(ChromeDriver driver, ServiceProcess bridge) {
        driver.manage().deleteAllCookies();
        driver.get(bridge.uri("/console/login").toString());
        driver.findElement(By.id("j_username")).sendKeys("admin");
        driver.findElement(By.id("j_password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        // While the form posts and redirects, chromedriver may answer about the old page's nodes with errors other
        // than a stale element ("Node with given id does not belong to the document"): ask again until the console.
        new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class)
                .withMessage("the console's overview after logging in to " + bridge.uri("/console"))
                .until(d -> !d.getCurrentUrl().contains("/console/login")
                        && !d.findElements(By.tagName("nav")).isEmpty());
    }

    private static List<Row> overview(ChromeDriver driver, ServiceProcess bridge) {
        driver.get(bridge.uri("/console").toString());
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        return driver.findElements(By.cssSelector("tr[data-channel]")).stream()
                .map(row -> new Row(row.getAttribute("data-channel"), field(row, "owner"), field(row, "state"),
                        field(row, "lastOutcome")))
                .toList();
    }

    private static String field(WebElement row, String name) {
        return row.findElement(By.cssSelector("[data-field='" + name + "']")).getText();
    }

    private static void screenshot(ChromeDriver driver, ServiceProcess bridge, String name) throws Exception {
        overview(driver, bridge);
        Path screenshots = Path.of("target/screenshots");
        Files.createDirectories(screenshots);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static ServiceProcess bridge(Map<String, String> env, String replica) throws Exception {
        return ServiceProcess.start("bridge", Map.of("kafka.bootstrap.servers", KafkaCluster.shared().bootstrapServers(),
                "bridge.status.replica", replica), env);
    }

    private static void sendOrders(int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                CloudEvent event = CloudEvent.of(EventType.ORDER_CREATED, UUID.randomUUID().toString(),
                        JsonNodeFactory.instance.objectNode().put("n", i));
                producer.send(new ProducerRecord<>(Topics.BUSINESS_EVENTS, event.key(), CloudEventCodec.encode(event)));
            }
        }
    }
}
