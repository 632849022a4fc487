package io.eventmonitoring.local.chaos;

import io.eventmonitoring.local.DataDir;
import io.eventmonitoring.local.PlatformException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code chaos --minutes N [--seed S] [--rate R] [--data-dir DIR]}: how long the load runs, the seed of the faults
 * (a random one, printed, when not given), commands per second, and a data folder of its own (by default a new one
 * under {@code .local-platform/chaos/}, kept for its logs).
 */
public record ChaosOptions(Path repoRoot, Duration length, long seed, int rate, DataDir dataDir) {

    public static final int DEFAULT_RATE = 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public static String usage() {
        return """
                usage: deploy/local/platform chaos --minutes N [--seed S] [--rate R] [--data-dir DIR]

                Starts a platform of its own (split layout, free ports, a new data folder), sends R commands a second
                (default 20) to domain-user and domain-order for N minutes while it kills and freezes brokers, kills the
                bridge and the domain services and makes the Slack sink answer 429 or 500, one fault at a time at times
                drawn from the seed; then waits for the pipeline to drain and accounts for every event from Kafka and the
                sink's record. Exit code 0 when nothing was lost, 1 otherwise, 2 when the run could not be made.
                """;
    }

    public static ChaosOptions parse(List<String> args, Instant now) {
        Integer minutes = null;
        Long seed = null;
        int rate = DEFAULT_RATE;
        Path repoRoot = Path.of(".");
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new PlatformException(flag + " needs a value\n\n" + usage());
            }
            String value = args.get(++i);
            switch (flag) {
                case "--minutes" -> minutes = positive(flag, value);
                case "--seed" -> seed = number(flag, value);
                case "--rate" -> rate = positive(flag, value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--repo-root" -> repoRoot = Path.of(value);
                default -> throw new PlatformException("unknown option '" + flag + "'\n\n" + usage());
            }
        }
        if (minutes == null) {
            throw new PlatformException("chaos needs --minutes N\n\n" + usage());
        }
        long chosenSeed = seed == null ? now.toEpochMilli() : seed;
        Path folder = dataDir != null ? dataDir : repoRoot.resolve(".local-platform/chaos")
                .resolve("seed-" + chosenSeed + "-" + STAMP.format(now));
        if (Files.exists(folder.resolve("cluster.properties"))) {
            throw new PlatformException(folder + " holds a cluster already; a chaos run needs a new data folder");
        }
        return new ChaosOptions(repoRoot.toAbsolutePath().normalize(), Duration.ofMinutes(minutes), chosenSeed, rate,
                new DataDir(folder));
    }

    private static int positive(String flag, String value) {
        long number = number(flag, value);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new PlatformException(flag + " must be a positive number, not " + value);
        }
        return (int) number;
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PlatformException(flag + " must be a number, not '" + value + "'");
        }
    }
}
