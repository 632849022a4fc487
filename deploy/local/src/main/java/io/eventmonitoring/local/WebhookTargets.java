package io.eventmonitoring.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the bridge posts each channel: the real webhook from the environment when one is set, else the local
 * sink. The URLs only ever travel in the bridge's environment; what is printed names the source, never a real URL.
 */
public record WebhookTargets(Map<String, String> bridgeEnv, List<String> descriptions) {

    public static final List<String> CHANNELS = List.of("user", "order");

    /** The environment variable the bridge reads a channel's webhook URL from. */
    public static String variable(String channel) {
        return "SLACK_WEBHOOK_" + channel.toUpperCase(Locale.ROOT);
    }

    public static WebhookTargets resolve(Map<String, String> env, UnaryOperator<String> sinkUrl) {
        Map<String, String> bridgeEnv = new HashMap<>();
        List<String> descriptions = new ArrayList<>();
        for (String channel : CHANNELS) {
            String variable = variable(channel);
            String real = env.get(variable);
            if (real != null && !real.isBlank()) {
                bridgeEnv.put(variable, real);
                descriptions.add("#" + channel + " -> Slack (" + variable + " from your environment)");
            } else {
                bridgeEnv.put(variable, sinkUrl.apply(channel));
                descriptions.add("#" + channel + " -> local sink " + sinkUrl.apply(channel));
            }
        }
        return new WebhookTargets(Map.copyOf(bridgeEnv), List.copyOf(descriptions));
    }
}
