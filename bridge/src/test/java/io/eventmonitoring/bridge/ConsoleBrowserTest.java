package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.eventmonitoring.bridge.support.Browser;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in headless Chromium, on a real Kafka cluster with WireMock playing Slack: what a viewer and an
 * operator see and may do. Each page's screenshot goes to {@code target/screenshots/}.
 */
@Tag("browser")
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class ConsoleBrowserTest {

    private static ChromeDriver driver;

    @InjectSlack
    WireMockServer slack;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aViewerSeesTheOverviewButCannotSilence() {
        Browser.login(driver, base.toString(), TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(driver.findElements(By.cssSelector("tr[data-channel]"))).isNotEmpty();
        assertThat(driver.getPageSource()).doesNotContain("/services/");

        driver.get(base + "console/silences");
        assertThat(driver.findElements(By.id("create-silence"))).isEmpty();
        assertThat(driver.findElements(By.xpath("//button[normalize-space()='Expire']"))).isEmpty();
        Browser.screenshot(driver, "silences-viewer");

        // The session and the page's CSRF token are valid: the role is what refuses the forged form.
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('input[name=csrf]').value;
                fetch('/console/silences', {method: 'POST', redirect: 'manual',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                    body: 'csrf=' + encodeURIComponent(token) + '&channel=silenced&duration=PT1H'})
                  .then(r => done(r.status), e => done(String(e)));""");
        assertThat(status).isEqualTo(403L);
    }

    @Test
    void anOperatorSilencesFromTheFormAndTheMatchingEventIsCountedAsSilenced() {
        Browser.login(driver, base.toString(), TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        driver.get(base + "console/silences");
        String comment = "browser test " + UUID.randomUUID();
        new Select(driver.findElement(By.id("channel"))).selectByValue("silenced");
        driver.findElement(By.id("type")).sendKeys("order.*");
        new Select(driver.findElement(By.id("duration"))).selectByValue("PT1H");
        driver.findElement(By.id("comment")).sendKeys(comment);
        Browser.screenshot(driver, "silences-new");
        Browser.submit(driver, driver.findElement(By.id("create-silence")));

        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Silence created.");
        WebElement row = driver.findElement(By.xpath("//table[@id='active-silences']//tr[td[contains(., '" + comment + "')]]"));
        assertThat(row.getText()).contains("channel = silenced").contains("type ~ order.*").contains(TestUsers.OPERATOR);
        Browser.screenshot(driver, "silences");

        String quiet = "quiet-" + UUID.randomUUID();
        Events.send(Events.scenario("silenced", quiet));
        driver.get(base + "console");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            driver.navigate().refresh();
            String silenced = driver.findElement(By.cssSelector("tr[data-route='silenced'] [data-field='silenced']")).getText();
            assertThat(Long.parseLong(silenced)).isPositive();
        });
        assertThat(SlackJournal.attempts(slack, "silenced")).noneMatch(p -> p.text().contains(quiet));

        driver.get(base + "console/silences");
        Browser.submit(driver, driver.findElement(
                By.xpath("//table[@id='active-silences']//tr[td[contains(., '" + comment + "')]]//button")));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Silence expired.");
        assertThat(driver.findElements(By.xpath("//table[@id='active-silences']//tr[td[contains(., '" + comment + "')]]")))
                .isEmpty();
    }

    @Test
    void anOperatorReplaysADeadLetterAndSlackGetsIt() {
        stub("rejected", aResponse().withStatus(404).withBody("channel_not_found"));
        String marker = "replay-" + UUID.randomUUID();
        Events.send(Events.scenario("rejected", marker));
        Browser.login(driver, base.toString(), TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        By letter = By.xpath("//li[@data-dead-letter][contains(., '" + marker + "')]");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            driver.get(base + "console/dead-letters?channel=rejected");
            return !driver.findElements(letter).isEmpty();
        });
        stub("rejected", aResponse().withStatus(200).withBody("ok"));
        driver.findElement(letter).findElement(By.tagName("summary")).click();
        assertThat(driver.findElement(letter).findElement(By.tagName("pre")).getText()).contains(marker);
        Browser.screenshot(driver, "dead-letters");
        Browser.submit(driver, driver.findElement(letter).findElement(By.xpath(".//button[normalize-space()='Replay']")));

        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Dead letter replayed.");
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackJournal.accepted(slack, "rejected").stream()
                .anyMatch(p -> p.text().contains(marker)));
        assertThat(driver.findElement(letter).getText()).contains("Replayed");
    }

    @Test
    void theOverviewShowsAChannelRateLimitedWhileSlackAnswers429() {
        stub("limited", aResponse().withStatus(429).withHeader("Retry-After", "20").withBody("rate_limited"));
        try {
            Browser.login(driver, base.toString(), TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
            Events.send(Events.scenario("limited", "limited-" + UUID.randomUUID()));
            // No reload: the page's script polls the overview.
            By state = By.cssSelector("tr[data-channel='limited'] [data-field='state']");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> driver.findElement(state).getText().equals("rate-limited"));
            assertThat(driver.findElement(By.cssSelector("tr[data-channel='limited'] [data-field='lastOutcome']"))
                    .getText()).startsWith("rate-limited (429");
            assertThat(driver.findElement(By.cssSelector("tr[data-channel='limited'] [data-field='owner']")).getText())
                    .isNotEqualTo("—");
            assertThat(driver.findElement(By.cssSelector("tr[data-channel='limited'] [data-field='age']")).getText())
                    .endsWith("ago");
            assertThat(driver.findElements(By.cssSelector("tr[data-stage]"))).hasSize(2);
            Browser.screenshot(driver, "overview");
            Browser.phoneScreenshot(driver, "overview-phone");
        } finally {
            stub("limited", aResponse().withStatus(200).withBody("ok"));
        }
    }

    @Test
    void theDeliveriesPageListsADeliveredMessageAndAPreviewCountsItsEvent() {
        String marker = "delivered-" + UUID.randomUUID();
        Events.send(Events.scenario("console", marker));
        Browser.login(driver, base.toString(), TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        By posted = By.xpath("//section[@data-deliveries='console']//tr[td[normalize-space()='posted']]");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            driver.get(base + "console/deliveries?channel=console");
            return !driver.findElements(posted).isEmpty();
        });
        assertThat(driver.findElement(posted).getText()).contains("message").contains("ok").contains(" ms");
        assertThat(driver.findElements(By.cssSelector("section[data-deliveries]"))).hasSize(1);
        Browser.screenshot(driver, "deliveries");

        driver.get(base + "console/silences");
        new Select(driver.findElement(By.id("channel"))).selectByValue("console");
        driver.findElement(By.id("type")).sendKeys("order.created");
        Browser.submit(driver, driver.findElement(By.id("preview-silence")));

        assertThat(Integer.parseInt(driver.findElement(By.cssSelector("[data-preview='matched']")).getText())).isPositive();
        assertThat(driver.findElement(By.id("silence-preview")).getText()).contains("order.created").contains("console");
        assertThat(new Select(driver.findElement(By.id("channel"))).getFirstSelectedOption().getText()).isEqualTo("console");
        Browser.screenshot(driver, "silences-preview");
    }

    private void stub(String channel, ResponseDefinitionBuilder response) {
        slack.stubFor(post(urlPathEqualTo(SlackWireMockResource.path(channel))).willReturn(response));
    }
}
