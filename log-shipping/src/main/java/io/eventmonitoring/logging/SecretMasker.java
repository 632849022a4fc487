package io.eventmonitoring.logging;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in log text: Slack webhook URLs, credentials in URLs, {@code password=}-like assignments
 * (JAAS configs, env dumps, JSON) and HTTP authorization values. Applied to every string a log record carries.
 */
public final class SecretMasker {

    static final String MASK = "***";

    private static final Pattern SLACK_WEBHOOK = Pattern.compile(
            "(https?://hooks\\.slack(?:-gov)?\\.com/)[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "([a-z][a-z0-9+.-]*://[^/\\s:@\"']+:)[^/\\s@\"']+@", Pattern.CASE_INSENSITIVE);

    // A secret-looking name, optionally quoted, then = or :, then the value (quoted or up to a delimiter).
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "((?:password|passwd|secret|token|api[_-]?key|credentials?)[\\w.-]*[\"']?\\s*[=:]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s,;&}\"']+)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "((?:authorization|proxy-authorization)[\"']?\\s*[=:]\\s*[\"']?(?:basic|bearer)\\s+)[A-Za-z0-9+/=._~-]+",
            Pattern.CASE_INSENSITIVE);

    private SecretMasker() {
    }

    /** The text with every secret it contains replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty() || !mayContainSecret(text)) {
            return text;
        }
        String masked = SLACK_WEBHOOK.matcher(text).replaceAll("$1" + MASK);
        masked = URL_CREDENTIALS.matcher(masked).replaceAll("$1" + MASK + "@");
        masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
        Matcher assignment = ASSIGNMENT.matcher(masked);
        return assignment.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quoted(m.group(2))));
    }

    private static String quoted(String value) {
        char first = value.charAt(0);
        return first == '"' || first == '\'' ? first + MASK + first : MASK;
    }

    // Cheap pre-check so the common record (no secret anywhere) costs one scan and no regex.
    private static boolean mayContainSecret(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("hooks.slack") || lower.contains("@") || lower.contains("pass")
                || lower.contains("secret") || lower.contains("token") || lower.contains("key")
                || lower.contains("credential") || lower.contains("authorization");
    }
}
