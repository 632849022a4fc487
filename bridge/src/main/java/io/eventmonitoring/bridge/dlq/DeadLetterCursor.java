package io.eventmonitoring.bridge.dlq;

import io.eventmonitoring.bridge.match.InvalidFieldException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the next page of a listing starts: per partition, the offset below which nothing was listed yet. Opaque to
 * clients (base64url of {@code partition:offset,…}).
 */
public record DeadLetterCursor(Map<Integer, Long> before) {

    public DeadLetterCursor {
        before = Map.copyOf(before);
    }

    public String encode() {
        String text = new TreeMap<>(before).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static DeadLetterCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<Integer, Long> before = new TreeMap<>();
            for (String part : text.split(",", -1)) {
                String[] pair = part.split(":", -1);
                if (pair.length != 2) {
                    throw new IllegalArgumentException(part);
                }
                int partition = Integer.parseInt(pair[0]);
                long offset = Long.parseLong(pair[1]);
                if (partition < 0 || offset < 0 || before.put(partition, offset) != null) {
                    throw new IllegalArgumentException(part);
                }
            }
            return new DeadLetterCursor(before);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("cursor", "not a cursor of a previous page: '" + cursor + "'");
        }
    }
}
