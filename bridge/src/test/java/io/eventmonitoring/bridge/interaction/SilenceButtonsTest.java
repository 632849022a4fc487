package io.eventmonitoring.bridge.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Severity;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilenceButtonsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-29T13:00:00Z");
    private static final SilenceButtons BUTTONS = new SilenceButtons(
            Map.of("orders", EnumSet.allOf(SilenceButton.class), "types", EnumSet.of(SilenceButton.TYPE)), Set.of("order"));

    @Test
    void aRouteWithButtonsGetsAnActionsBlockThatSlackSendsBackOnAClick() throws Exception {
        JsonNode block = MAPPER.valueToTree(BUTTONS.actions(notification("orders", "order.cancelled"), "order", "42").orElseThrow());

        assertThat(block.path("type").asText()).isEqualTo("actions");
        assertThat(block.path("elements")).hasSize(2);
        JsonNode entity = block.path("elements").get(1);
        assertThat(entity.path("type").asText()).isEqualTo("button");
        assertThat(entity.path("action_id").asText()).isEqualTo("silence-entity");
        assertThat(entity.path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(entity.path("text").path("text").asText()).isEqualTo("Silence this entity for 1 h");

        BlockActions.Click click = BlockActions.parse(form(entity.path("action_id").asText(), entity.path("value").asText()));
        Silence silence = SilenceRule.compile(click.silence(NOW)).silence();
        assertThat(silence.createdBy()).isEqualTo("@ana");
        assertThat(silence.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(silence.matchers()).isEqualTo(new Silence.Matchers("order", null, null, null, "order", null, "42"));

        JsonNode type = block.path("elements").get(0);
        Silence byType = BlockActions.parse(form(type.path("action_id").asText(), type.path("value").asText())).silence(NOW);
        assertThat(byType.matchers()).isEqualTo(new Silence.Matchers(null, "order.cancelled", null, null, "order", null, null));
    }

    @Test
    void routesWithoutButtonsAndTheNoteItselfGetNone() {
        assertThat(BUTTONS.actions(notification("plain", "order.created"), "order", "42")).isEmpty();
        assertThat(BUTTONS.actions(notification("orders", SilenceNote.TYPE), "bridge", "42")).isEmpty();
        assertThat(BUTTONS.actions(notification("types", "order.created"), "order", "42").orElseThrow().buttons())
                .extracting(SlackMessage.Button::actionId).containsExactly("silence-type");
        // What a glob cannot say exactly is not offered.
        assertThat(BUTTONS.actions(notification("orders", "order.created"), "order", "4*").orElseThrow().buttons())
                .extracting(SlackMessage.Button::actionId).containsExactly("silence-type");
        assertThat(BUTTONS.actions(notification("orders", "order.created"), "order", null).orElseThrow().buttons())
                .extracting(SlackMessage.Button::actionId).containsExactly("silence-type");
    }

    @Test
    void unknownButtonNamesAreReportedWithTheirKey() {
        List<String> problems = new ArrayList<>();
        assertThat(SilenceButtons.parse(List.of("silence-type", "mute"), problems, "bridge.routes[2].buttons"))
                .containsExactly(SilenceButton.TYPE);
        assertThat(problems).containsExactly(
                "bridge.routes[2].buttons: unknown button 'mute' (known: [silence-type, silence-entity])");
    }

    @Test
    void whatIsNotAClickOfTheBridgesButtonsIsRefused() {
        assertThatThrownBy(() -> BlockActions.parse("nothing=here".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("payload");
        assertThatThrownBy(() -> BlockActions.parse(("payload=" + encode("{\"type\":\"view_submission\"}"))
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("block_actions");
        assertThatThrownBy(() -> BlockActions.parse(form("silence-type", "not json"))).hasMessageContaining("value");
        assertThatThrownBy(() -> BlockActions.parse(form("other", "{}"))).hasMessageContaining("no action");
    }

    @Test
    void theNoteSaysWhoSilencedWhatUntilWhenUnderTheEntitysKey() {
        ButtonValue value = new ButtonValue("order", "orders", "order.created", "order", "42", "order:42");
        Silence silence = new BlockActions.Click(SilenceButton.ENTITY, value, "@ana").silence(NOW);
        Notification note = SilenceNote.of(SilenceButton.ENTITY, value, silence);

        assertThat(note.channel()).isEqualTo("order");
        assertThat(note.key()).isEqualTo("order:42");
        assertThat(note.type()).isEqualTo("bridge.silenced");
        CloudEvent event = CloudEventCodec.decode(note.event());
        assertThat(event.data().path("by").asText()).isEqualTo("@ana");
        assertThat(event.data().path("until").asText()).isEqualTo("14:00 UTC");
        assertThat(event.data().path("what").asText()).isEqualTo("entity `order:42`");
        assertThat(event.subject()).isEqualTo("42");
    }

    private static Notification notification(String route, String type) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, "e-1", "/test", type, "42", NOW, CloudEvent.JSON,
                Severity.INFO, data);
        return new Notification("e-1", route, "order", "order:42", type, "info", CloudEventCodec.encode(event),
                "business-events", 0, 7);
    }

    private static byte[] form(String actionId, String value) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("type", "block_actions");
        payload.putObject("user").put("id", "U123").put("username", "ana");
        payload.putArray("actions").addObject().put("action_id", actionId).put("value", value);
        return ("token=x&payload=" + encode(payload.toString())).getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
