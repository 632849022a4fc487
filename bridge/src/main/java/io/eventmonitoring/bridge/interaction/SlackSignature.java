package io.eventmonitoring.bridge.interaction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Slack's request signature: {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, keyed with the app's
 * signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw body>}; a timestamp more than five minutes away
 * from now is refused, so a captured request cannot be replayed later.
 */
public final class SlackSignature {

    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    private SlackSignature() {
    }

    /** Whether the request was signed with the secret within the window; any missing or odd part is a no. */
    public static boolean verify(byte[] secret, String timestamp, String signature, byte[] body, Instant now) {
        if (secret == null || secret.length == 0 || timestamp == null || signature == null || body == null
                || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@code X-Slack-Signature} of a body sent at a timestamp (seconds since the epoch). */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
