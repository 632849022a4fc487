package io.eventmonitoring.bridge;

import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The console's security without a browser: form login, roles, CSRF tokens, secure headers, and no secret in logs. */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class ConsoleTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern LOGIN_TOKEN = Pattern.compile("j_security_check\\?csrf=([^\"]+)\"");

    @Test
    void aVisitorIsSentToTheLoginPage() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(302).header("Location", containsString("/console/login"));
        given().when().get("/console/login").then().statusCode(200).body(containsString("j_password"));
        given().when().get("/console/assets/console.js").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void slacksCallbacksAndHealthAreOutsideAuthenticationAndCsrf() {
        // Slack signs its callbacks and has neither a session, nor a token, nor a user: an unsigned one is refused by
        // the signature check (no login redirect, no Basic challenge, no CSRF 403).
        given().redirects().follow(false).formParam("payload", "{}").when().post("/slack/actions")
                .then().statusCode(401).header("WWW-Authenticate", nullValue());
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aLoginFormFromAnotherSiteLogsNobodyIn() {
        // Without this browser's nonce and the token of its login page, the right password is refused all the same.
        given().redirects().follow(false).formParam("j_username", TestUsers.OPERATOR)
                .formParam("j_password", TestUsers.OPERATOR_PASSWORD)
                .when().post("/console/j_security_check")
                .then().statusCode(403).header("Set-Cookie", nullValue()).body(containsString("reload the login page"));
        Response form = given().when().get("/console/login");
        given().redirects().follow(false).cookies(form.getCookies()).queryParam("csrf", "forged")
                .formParam("j_username", TestUsers.OPERATOR).formParam("j_password", TestUsers.OPERATOR_PASSWORD)
                .when().post("/console/j_security_check")
                .then().statusCode(403);
        // Quarkus' form authentication takes any path ending in the post location.
        given().redirects().follow(false).formParam("j_username", TestUsers.OPERATOR)
                .formParam("j_password", TestUsers.OPERATOR_PASSWORD)
                .when().post("/elsewhere/console/j_security_check")
                .then().statusCode(403).header("Set-Cookie", nullValue());
    }

    @Test
    void aWrongPasswordLogsNobodyIn() {
        Response form = given().when().get("/console/login");
        given().redirects().follow(false).cookies(form.getCookies())
                .queryParam("csrf", token(form.asString(), LOGIN_TOKEN))
                .formParam("j_username", TestUsers.OPERATOR).formParam("j_password", "wrong")
                .when().post("/console/j_security_check")
                .then().statusCode(302).header("Location", containsString("/console/login?error=true"));
    }

    @Test
    void pagesCarrySecureHeadersAndAViewerSeesNoAction() {
        Map<String, String> session = login(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        for (String page : new String[]{"/console", "/console/deliveries", "/console/silences", "/console/dead-letters"}) {
            given().cookies(session).when().get(page)
                    .then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin")
                    .body(not(containsString("/services/")))
                    .body(not(containsString("Replay</button>")))
                    .body(not(containsString("id=\"create-silence\"")));
        }
        given().cookies(session).when().get("/console/overview.json")
                .then().statusCode(200).body("channels.name", hasItem("limited"));
        given().cookies(session).queryParam("channel", "limited").when().get("/console/deliveries")
                .then().statusCode(200).body(containsString("data-deliveries=\"limited\""))
                .body(not(containsString("data-deliveries=\"order\"")));
        given().cookies(session).queryParam("channel", "<nope>").when().get("/console/deliveries")
                .then().statusCode(400).body(containsString("No channel &#39;&lt;nope&gt;&#39;"));
    }

    @Test
    void anOperatorPreviewsASilenceWithTheCreateFormsRulesAndNothingIsSaved() {
        Map<String, String> session = login(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        Response page = given().cookies(session).when().get("/console/silences");
        String token = token(page.asString());
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("csrf", token).formParam("channel", "silenced").formParam("duration", "PT1H")
                .formParam("comment", "only a preview")
                .when().post("/console/silences/preview")
                .then().statusCode(200).body(containsString("Would have matched"))
                .body(containsString("value=\"only a preview\""));
        given().cookies(session).when().get("/console/silences")
                .then().statusCode(200).body(not(containsString("only a preview")));
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("csrf", token).formParam("duration", "PT1H")
                .when().post("/console/silences/preview")
                .then().statusCode(400).body(containsString("give at least one matcher"));
        Map<String, String> viewer = login(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        given().cookies(viewer).redirects().follow(false).formParam("channel", "silenced")
                .when().post("/console/silences/preview").then().statusCode(403);
    }

    @Test
    void anOperatorResumesAChannelFromTheOverviewAndAViewerCannot() {
        Map<String, String> session = login(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        Response page = given().cookies(session).when().get("/console/silences");
        String token = token(page.asString());
        // The request travels through the channel's outbox partition to its owner (AppChannelTest: what it resumes).
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false).formParam("csrf", token)
                .when().post("/console/channels/order/resume")
                .then().statusCode(303).header("Location", containsString("/console?done=resumed"));
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false).formParam("csrf", token)
                .when().post("/console/channels/nowhere/resume")
                .then().statusCode(404);
        Map<String, String> viewer = login(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        given().cookies(viewer).redirects().follow(false).formParam("csrf", token)
                .when().post("/console/channels/order/resume").then().statusCode(403);
    }

    @Test
    void aViewersFormIsRefusedEvenWithAValidSession() {
        Map<String, String> session = login(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        Response page = given().cookies(session).when().get("/console/silences");
        String token = token(page.asString());
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("csrf", token).formParam("channel", "silenced").formParam("duration", "PT1H")
                .when().post("/console/silences")
                .then().statusCode(403);
    }

    @Test
    void anOperatorsFormNeedsThisSessionsToken() {
        Map<String, String> session = login(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        Response page = given().cookies(session).when().get("/console/silences");
        String token = token(page.asString());
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("channel", "silenced").formParam("duration", "PT1M")
                .when().post("/console/silences").then().statusCode(403);
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("csrf", token + "x").formParam("channel", "silenced").formParam("duration", "PT1M")
                .when().post("/console/silences").then().statusCode(403);
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("csrf", token).formParam("channel", "silenced").formParam("duration", "PT1M")
                .formParam("comment", "console test")
                .when().post("/console/silences")
                .then().statusCode(303).header("Location", containsString("/console/silences?done=silenced"));
        given().cookies(session).when().get("/console/silences")
                .then().statusCode(200).body(containsString("console test"));
        // A form of the management API's rules: the error names the field, the form is shown again.
        given().cookies(session).cookies(page.getCookies()).redirects().follow(false)
                .formParam("csrf", token).formParam("type", "order.*").formParam("duration", "PT1M")
                .formParam("attribute", "a..b").formParam("glob", "x")
                .when().post("/console/silences")
                .then().statusCode(400).body(containsString("matchers.attributes"));
    }

    @Test
    void noPasswordOrHashIsLogged() throws IOException {
        login(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        given().redirects().follow(false).formParam("j_username", TestUsers.VIEWER).formParam("j_password", "wrong")
                .when().post("/console/j_security_check");
        TestUsers.viewer().when().get("/admin/routes").then().statusCode(200);
        given().auth().preemptive().basic(TestUsers.OPERATOR, "not-" + TestUsers.OPERATOR_PASSWORD)
                .when().get("/admin/routes").then().statusCode(401);
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertThat(log).contains("users from")
                .doesNotContain(TestUsers.VIEWER_PASSWORD).doesNotContain(TestUsers.OPERATOR_PASSWORD)
                .doesNotContain(TestUsers.VIEWER_HASH_BODY).doesNotContain(TestUsers.OPERATOR_HASH_BODY);
    }

    /** Logs in with the form, as a browser does; returns the session cookie. */
    static Map<String, String> login(String user, String password) {
        Response form = given().when().get("/console/login");
        Response response = given().redirects().follow(false).cookies(form.getCookies())
                .queryParam("csrf", token(form.asString(), LOGIN_TOKEN)).formParam("j_username", user)
                .formParam("j_password", password)
                .when().post("/console/j_security_check");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.getCookie("bridge-console")).isNotBlank();
        return Map.of("bridge-console", response.getCookie("bridge-console"));
    }

    static String token(String html) {
        return token(html, TOKEN);
    }

    private static String token(String html, Pattern pattern) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }
}
