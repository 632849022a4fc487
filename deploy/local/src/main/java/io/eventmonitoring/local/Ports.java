package io.eventmonitoring.local;

import io.eventmonitoring.process.LocalPorts;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Ports on 127.0.0.1. Brokers take {@code broker}, {@code broker + 1}, {@code broker + 2}; controllers likewise
 * from {@code controller}.
 */
public record Ports(int broker, int controller, int sink, int user, int order, int bridge) {

    public static final int NODES = 3;

    public static final Ports DEFAULTS = new Ports(29092, 29192, 29080, 8081, 8082, 8083);

    public Ports {
        List<Range> ranges = List.of(
                new Range(CommandLine.BROKER_PORT, broker, NODES),
                new Range(CommandLine.CONTROLLER_PORT, controller, NODES),
                new Range(CommandLine.SINK_PORT, sink, 1),
                new Range(CommandLine.USER_PORT, user, 1),
                new Range(CommandLine.ORDER_PORT, order, 1),
                new Range(CommandLine.BRIDGE_PORT, bridge, 1));
        for (int i = 0; i < ranges.size(); i++) {
            Range range = ranges.get(i);
            if (range.first < 1 || range.last() > 65535) {
                throw new PlatformException(range.flag + " (" + CommandLine.envName(range.flag) + ") must be between 1 and "
                        + (65536 - range.count) + ", not " + range.first);
            }
            for (Range other : ranges.subList(0, i)) {
                if (range.first <= other.last() && other.first <= range.last()) {
                    throw new PlatformException(other.flag + " " + other.first + " and " + range.flag + " "
                            + range.first + " overlap (brokers and controllers each take " + NODES
                            + " consecutive ports)");
                }
            }
        }
    }

    private record Range(String flag, int first, int count) {
        int last() {
            return first + count - 1;
        }
    }

    /**
     * Free ports for every role, for tests and fault runs beside a developer's platform: brokers at base, controllers
     * at base+3, sink base+6, services base+7..9. Never the defaults, and always below Linux's ephemeral range (32768
     * and up): the cluster's own outgoing connections take ephemeral ports, and one could take a broker's port
     * between this check and the broker's bind.
     */
    public static Ports free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 32700);
            if (base + 10 > 29000 && base < 30000) {
                // The platform's default ports: a developer's platform may be running.
                continue;
            }
            if (IntStream.range(base, base + 10).allMatch(LocalPorts::isFree)) {
                return new Ports(base, base + 3, base + 6, base + 7, base + 8, base + 9);
            }
        }
        throw new IllegalStateException("no block of 10 free ports found");
    }
}
