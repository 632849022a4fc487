package io.eventmonitoring.command.idempotency;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header (IETF httpapi draft): a structured-field string, so quoted
 * ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}); the bare value is accepted too, as most clients send it.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    /** Printable ASCII without quote or backslash, as a structured-field string can hold unescaped. */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,255}");
    public static final String RULE = "must be a string of 1 to 255 printable ASCII characters, without '\"' or '\\', "
            + "quoted as a structured-field string (\"...\") or bare";
    /** The header as the OpenAPI documents describe it. */
    public static final String DOC = "Makes retries safe: the same key with the same request within "
            + "24 h is answered as the first time, and recorded once. A string of 1-255 printable ASCII characters.";

    /** Empty when the header is absent; {@link InvalidIdempotencyKeyException} when it is malformed. */
    public static Optional<IdempotencyKey> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!VALUE.matcher(value).matches() || value.isBlank()) {
            throw new InvalidIdempotencyKeyException(RULE);
        }
        return Optional.of(new IdempotencyKey(value));
    }
}
