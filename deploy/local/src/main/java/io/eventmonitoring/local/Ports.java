package io.eventmonitoring.local;

import java.util.List;

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
}
