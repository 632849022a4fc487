package io.eventmonitoring.k8s;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ("1536Mi", "2Gi", "500M", "1") as bytes. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]i?|k)?");
    private static final Map<String, Long> FACTORS = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    private Quantities() {
    }

    static long bytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory quantity: '" + quantity + "'");
        }
        long factor = matcher.group(2) == null ? 1 : FACTORS.get(matcher.group(2));
        return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(factor)).longValueExact();
    }
}
