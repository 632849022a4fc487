package io.eventmonitoring.local;

import io.eventmonitoring.process.LocalPorts;

import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Ports on 127.0.0.1. Brokers take {@code broker} and the next two; controllers likewise from {@code controller}. */
public record Ports(int broker, int controller, int sink, int user, int order, int bridge) {

    public static final Ports DEFAULTS = new Ports(29092, 29192, 29080, 8081, 8082, 8083);

    /**
     * Ten free ports for tests and chaos runs beside a developer's platform: never the defaults, and below Linux's
     * range for outgoing connections (32768 and up), one of which could take a broker's port before it binds it.
     */
    public static Ports free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 32700);
            if ((base + 10 <= 29000 || base >= 30000) && IntStream.range(base, base + 10).allMatch(LocalPorts::isFree)) {
                return new Ports(base, base + 3, base + 6, base + 7, base + 8, base + 9);
            }
        }
        throw new IllegalStateException("no block of 10 free ports found");
    }
}
