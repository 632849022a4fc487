package io.eventmonitoring.local;

import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.ProcessException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Ports on 127.0.0.1. Brokers take {@code broker} and the next two; controllers likewise from {@code controller}. */
public record Ports(int broker, int controller, int sink, int user, int order, int bridge) {

    public static final Ports DEFAULTS = new Ports(29092, 29192, 29080, 8081, 8082, 8083);

    public Ports {
        int[] firsts = {broker, controller, sink, user, order, bridge};
        for (int i = 0; i < firsts.length; i++) {
            String option = CommandLine.PORTS.get(i);
            if (firsts[i] < 1 || firsts[i] + count(i) > 65536) {
                throw new ProcessException(option + " (" + CommandLine.envName(option) + ") must be between 1 and "
                        + (65536 - count(i)) + ", not " + firsts[i]);
            }
            for (int j = 0; j < i; j++) {
                if (firsts[i] < firsts[j] + count(j) && firsts[j] < firsts[i] + count(i)) {
                    throw new ProcessException(CommandLine.PORTS.get(j) + " " + firsts[j] + " and " + option + " "
                            + firsts[i] + " overlap (brokers and controllers each take 3 consecutive ports)");
                }
            }
        }
    }

    private static int count(int field) {
        return field < 2 ? 3 : 1;
    }

    int[] toArray() {
        return new int[] {broker, controller, sink, user, order, bridge};
    }

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
