package io.eventmonitoring.local.chaos;

import io.eventmonitoring.local.Platform;
import io.eventmonitoring.local.PlatformConfig;
import io.eventmonitoring.local.PlatformException;
import io.eventmonitoring.local.Ports;
import io.eventmonitoring.local.cluster.KafkaCluster;
import io.eventmonitoring.local.cluster.KafkaNode;
import io.eventmonitoring.local.cluster.KafkaRuntime;
import io.eventmonitoring.local.cluster.Layout;
import io.eventmonitoring.slacksink.Message;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code deploy/local/platform chaos}: a platform of its own under a steady load and one fault at a time, then the
 * accounting of every event from durable sources. Exit code 0 when the run passed, 1 when it found a loss, a
 * repeat beyond the bound or posts too close together, 2 when it could not be made.
 */
public final class ChaosRun {

    /** The bridge's default {@code min-interval} of every channel, which the local platform keeps. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /**
     * The sink timestamps a message when it arrives; on a busy machine one post can arrive late and the next on
     * time, so two arrivals may be closer than the bridge's own spacing of its posts by this much.
     */
    static final Duration GAP_TOLERANCE = Duration.ofMillis(200);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** Drained once the bridge has committed everything and the sink got nothing for this long. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final List<String> DOMAIN_SERVICES = List.of("domain-user", "domain-order");
    private static final List<String> SLACK_VARIABLES = List.of("SLACK_WEBHOOK_USER", "SLACK_WEBHOOK_ORDER");

    private final ChaosOptions options;
    private final PrintStream out;
    private final long started = System.nanoTime();

    ChaosRun(ChaosOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        int exit;
        try {
            ChaosOptions options = ChaosOptions.parse(List.of(args), Instant.now());
            options.dataDir().create();
            System.setProperty("log4j2.configurationFile",
                    KafkaRuntime.writeLogConfig(options.dataDir().config()).toString());
            System.setProperty(KafkaRuntime.LOG_FILE_PROPERTY, options.dataDir().log("chaos").toString());
            exit = new ChaosRun(options, System.out).run();
        } catch (PlatformException e) {
            System.err.println("chaos: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    int run() {
        // Only the sink: a chaos run never posts to real Slack channels.
        Map<String, String> env = new HashMap<>(System.getenv());
        SLACK_VARIABLES.forEach(env::remove);
        Platform platform = new Platform(new PlatformConfig(options.repoRoot(), options.dataDir(), Layout.SPLIT,
                Ports.free(), true), env, out, false);
        Thread stopOnExit = new Thread(platform::stop, "chaos-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        FaultInjector injector = new FaultInjector(platform);
        try {
            say("starting a platform in " + options.dataDir().root());
            platform.start();
            ChaosReport report = underLoad(platform, injector);
            out.println();
            out.print(report.format());
            Files.writeString(options.dataDir().root().resolve("chaos-report.txt"), report.format());
            List<String> failures = report.failures();
            failures.forEach(failure -> out.println("FAILED: " + failure));
            say(failures.isEmpty() ? "passed (seed " + options.seed() + ")" : "failed (seed " + options.seed()
                    + "; logs in " + options.dataDir().logs() + ")");
            return failures.isEmpty() ? 0 : 1;
        } catch (PlatformException e) {
            say("could not be made: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            say("interrupted");
            return 2;
        } finally {
            injector.undoAll();
            platform.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // The JVM is exiting (Ctrl-C): the hook stops the platform, which is idempotent.
            }
        }
    }

    private ChaosReport underLoad(Platform platform, FaultInjector injector) throws InterruptedException {
        String bootstrap = platform.plan().bootstrapServers();
        FaultSchedule schedule = FaultSchedule.plan(options.seed(), options.length(),
                platform.plan().brokers().stream().map(KafkaNode::name).toList(), DOMAIN_SERVICES);
        say("seed " + options.seed() + ": " + schedule.faults().size() + " faults over " + options.length().toMinutes()
                + " min at " + options.rate() + " commands/s");
        schedule.faults().forEach(f -> out.printf("  at %4d s  %s%n", f.at().toSeconds(), f.describe()));
        Recovery recovery = new Recovery();
        List<FaultWindow> windows = new ArrayList<>();
        int bridgeCrashes = 0;
        List<Answer> answers;
        Instant loadStopped;
        try (Admin admin = KafkaCluster.admin(bootstrap);
             LoadDriver load = new LoadDriver(port(platform, "domain-user"), port(platform, "domain-order"),
                     Long.toString(options.seed()))) {
            long loadStart = System.nanoTime();
            load.start(options.rate());
            say("load started");
            for (Fault fault : schedule.faults()) {
                sleepUntil(loadStart, fault.at());
                awaitRecovered(platform, recovery, admin, "before " + fault.describe());
                if (elapsed(loadStart).compareTo(options.length().minus(FaultSchedule.QUIET_END)) > 0) {
                    say("no time left for " + fault.describe() + " and the faults after it");
                    break;
                }
                Instant from = Instant.now();
                say(fault.describe());
                injector.apply(fault);
                if (fault.kind() == FaultKind.KILL_BRIDGE) {
                    bridgeCrashes++;
                }
                Duration back = awaitRecovered(platform, recovery, admin, "after " + fault.describe());
                windows.add(new FaultWindow(fault, from, Instant.now()));
                say("recovered " + String.format("%.1f s", back.toMillis() / 1000.0) + " after " + fault.describe());
            }
            sleepUntil(loadStart, options.length());
            loadStopped = Instant.now();
            answers = load.stop();
            say("load stopped: " + answers.size() + " commands; waiting for the pipeline to drain");
            Duration drain = awaitDrained(new DurableRecords(bootstrap), admin, loadStopped);
            say(drain == null ? "not drained after " + DRAIN_TIMEOUT.toMinutes() + " min"
                    : String.format("drained %.1f s after the load stopped", drain.toMillis() / 1000.0));
            DurableRecords durable = new DurableRecords(bootstrap);
            return ChaosReport.of(new ChaosRecord(answers, durable.events(), durable.deadLetters(),
                    durable.silences(), sinkRecord(), windows, bridgeCrashes, drain), MIN_INTERVAL, GAP_TOLERANCE);
        }
    }

    private static int port(Platform platform, String service) {
        return platform.processes().stream().filter(p -> p.name().equals(service)).findFirst()
                .orElseThrow(() -> new PlatformException(service + " is not running")).port();
    }

    private Duration awaitRecovered(Platform platform, Recovery recovery, Admin admin, String when)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!recovery.recovered(platform.processes(), admin)) {
            if (elapsed(start).compareTo(RECOVERY_TIMEOUT) > 0) {
                throw new PlatformException("the platform did not recover within " + RECOVERY_TIMEOUT.toMinutes()
                        + " min " + when + "; logs in " + options.dataDir().logs());
            }
            Thread.sleep(500);
        }
        return elapsed(start);
    }

    /** From the end of the load until the bridge committed everything and the sink went quiet; null on timeout. */
    private Duration awaitDrained(DurableRecords durable, Admin admin, Instant loadStopped) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (durable.bridgeCaughtUp(admin)) {
                    Instant last = sinkRecord().stream().map(Message::at).max(Instant::compareTo)
                            .orElse(loadStopped);
                    if (Duration.between(last, Instant.now()).compareTo(QUIET) >= 0) {
                        return Duration.between(loadStopped, last.isAfter(loadStopped) ? last : loadStopped);
                    }
                }
            } catch (ExecutionException | TimeoutException e) {
                say("waiting for Kafka to answer: " + e.getMessage());
            }
            Thread.sleep(1000);
        }
        return null;
    }

    private List<Message> sinkRecord() {
        Path file = options.dataDir().sinkRecord();
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank())
                    .map(Message::fromJsonLine).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sink's record " + file, e);
        }
    }

    private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
        long wait = startNanos + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void say(String line) {
        out.printf("[chaos %6.1f s] %s%n", elapsed(started).toMillis() / 1000.0, line);
    }
}
