package io.eventmonitoring.chaos;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.local.CommandLine;
import io.eventmonitoring.local.DataDir;
import io.eventmonitoring.local.Platform;
import io.eventmonitoring.local.Ports;
import io.eventmonitoring.chaos.ChaosReport.Answer;
import io.eventmonitoring.chaos.ChaosReport.Window;
import io.eventmonitoring.chaos.FaultSchedule.Fault;
import io.eventmonitoring.chaos.FaultSchedule.Kind;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.QuarkusApp;
import io.eventmonitoring.process.Role;
import io.eventmonitoring.process.kafka.KafkaCluster;
import io.eventmonitoring.slacksink.Message;
import io.eventmonitoring.slacksink.SlackSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code deploy/local/platform chaos --minutes N [--seed S] [--rate R]}: a platform of its own (free ports, a new
 * data folder under {@code .local-platform/chaos/}, kept for its logs) under a steady load and
 * one fault at a time, then the accounting of every event from durable sources. Exit code 0 when the run passed, 1
 * when it found a loss, a repeat beyond the bound or posts too close together, 2 when it could not be made.
 *
 * @param started {@link System#nanoTime()} when the run began, for the times of its lines
 */
public record ChaosRun(Duration length, long seed, int rate, DataDir dataDir, PrintStream out, long started) {

    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** Drained once the bridge has committed everything and the sink got nothing for this long. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final List<String> DOMAIN_SERVICES = List.of("domain-user", "domain-order");

    public static void main(String[] args) {
        int exit;
        try {
            CommandLine line = CommandLine.parse(Stream.concat(Stream.of("chaos"), Arrays.stream(args)).toList(), Map.of());
            Instant now = Instant.now();
            long minutes = line.number("--minutes", 0);
            long seed = line.number("--seed", now.toEpochMilli());
            long rate = line.number("--rate", 20);
            if (minutes < 1 || rate < 1 || rate > 10_000) {
                throw new ProcessException("chaos needs --minutes N (at least 1) and a --rate of 1 to 10000\n\n"
                        + CommandLine.USAGE);
            }
            DataDir dataDir = new DataDir(line.repoRoot().resolve(".local-platform/chaos").resolve("seed-" + seed + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now)));
            dataDir.create();
            KafkaCluster.logClientsTo(dataDir.root(), dataDir.log("chaos"));
            exit = new ChaosRun(Duration.ofMinutes(minutes), seed, (int) rate, dataDir, System.out, System.nanoTime())
                    .run(new Platform.Config(line.repoRoot(), dataDir, Ports.free(), true));
        } catch (ProcessException e) {
            System.err.println("chaos: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    int run(Platform.Config config) {
        // Only the sink: a chaos run never posts to real Slack channels.
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("SLACK_WEBHOOK_"));
        Platform platform = new Platform(config, env, out, false);
        Thread stopOnExit = new Thread(platform::stop, "chaos-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            say("starting a platform in " + dataDir.root());
            platform.start();
            ChaosReport report = ChaosReport.of(underLoad(platform));
            out.print("\n" + report.format());
            Files.writeString(dataDir.root().resolve("chaos-report.txt"), report.format());
            report.failures().forEach(failure -> out.println("FAILED: " + failure));
            say(report.failures().isEmpty() ? "passed (seed " + seed + ")" : "failed (seed " + seed + "; logs in "
                    + dataDir.logs() + ")");
            return report.failures().isEmpty() ? 0 : 1;
        } catch (ProcessException e) {
            say("could not be made: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            say("interrupted");
            return 2;
        } finally {
            // Whatever a run stopped in the middle left: brokers continued, the sink answering normally.
            platform.processes().stream().filter(p -> p.role() != Role.SERVICE).forEach(p -> p.signal("CONT"));
            if (platform.sink() != null) {
                platform.sink().answerNormally();
            }
            platform.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // The JVM is exiting (Ctrl-C): the hook stops the platform, which is idempotent.
            }
        }
    }

    private ChaosReport.Recorded underLoad(Platform platform) throws InterruptedException {
        String bootstrap = platform.cluster().bootstrapServers();
        FaultSchedule schedule = FaultSchedule.plan(seed, length,
                platform.cluster().brokers().stream().map(KafkaCluster.Node::name).toList(), DOMAIN_SERVICES);
        say("seed " + seed + ": " + schedule.faults().size() + " faults over " + length.toMinutes() + " min at " + rate
                + " commands/s");
        schedule.faults().forEach(f -> out.printf("  at %4d s  %s%n", f.at().toSeconds(), f.describe()));
        List<Window> windows = new ArrayList<>();
        int bridgeCrashes = 0;
        try (Admin admin = KafkaCluster.admin(bootstrap);
             LoadDriver load = new LoadDriver(platform.process("domain-user").port(),
                     platform.process("domain-order").port(), Long.toString(seed))) {
            long loadStart = System.nanoTime();
            load.start(rate);
            say("load started");
            for (Fault fault : schedule.faults()) {
                sleepUntil(loadStart, fault.at());
                awaitRecovered(platform, admin, "before " + fault.describe());
                if (elapsed(loadStart).compareTo(length.minus(FaultSchedule.QUIET_END)) > 0) {
                    say("no time left for " + fault.describe() + " and the faults after it");
                    break;
                }
                Instant from = Instant.now();
                say(fault.describe());
                apply(platform, fault);
                bridgeCrashes += fault.kind() == Kind.KILL_BRIDGE ? 1 : 0;
                Duration back = awaitRecovered(platform, admin, "after " + fault.describe());
                windows.add(new Window(fault, from, Instant.now()));
                say(String.format("recovered %.1f s after %s", back.toMillis() / 1000.0, fault.describe()));
            }
            sleepUntil(loadStart, length);
            Instant loadStopped = Instant.now();
            List<Answer> answers = load.stop();
            say("load stopped: " + answers.size() + " commands; waiting for the pipeline to drain");
            DurableRecords durable = new DurableRecords(bootstrap);
            Duration drain = awaitDrained(durable, admin, loadStopped);
            say(drain == null ? "not drained after " + DRAIN_TIMEOUT.toMinutes() + " min"
                    : String.format("drained %.1f s after the load stopped", drain.toMillis() / 1000.0));
            return new ChaosReport.Recorded(answers, durable.events(), durable.deadLetters(), durable.silences(),
                    sinkRecord(), windows, bridgeCrashes, drain);
        }
    }

    /**
     * Does a fault and undoes it: a killed broker is started again after the fault's length, a frozen one continued;
     * a killed service is left to the platform's supervisor, as Kubernetes would restart it.
     */
    private static void apply(Platform platform, Fault fault) throws InterruptedException {
        switch (fault.kind()) {
            case KILL_BROKER, KILL_BRIDGE, KILL_DOMAIN_SERVICE -> platform.process(fault.target()).kill();
            case FREEZE_BROKER -> platform.process(fault.target()).signal("STOP");
            case SINK_429 -> platform.sink().answerWith(SlackSink.Fault.rateLimited(fault.retryAfter()));
            case SINK_500 -> platform.sink().answerWith(SlackSink.Fault.serverError());
        }
        // Interrupted, the run continues the brokers and resets the sink on its way out.
        Thread.sleep(fault.length().toMillis());
        switch (fault.kind()) {
            case KILL_BROKER -> platform.restart(fault.target(), new PrintStream(PrintStream.nullOutputStream()));
            case FREEZE_BROKER -> platform.process(fault.target()).signal("CONT");
            case SINK_429, SINK_500 -> platform.sink().answerNormally();
            case KILL_BRIDGE, KILL_DOMAIN_SERVICE -> {
                // The supervisor starts it again.
            }
        }
    }

    /**
     * Waits until every process runs, every service is ready and every partition (internal topics included) has all
     * its replicas in sync, so that the next fault takes down one broker of a whole cluster, never a second one.
     */
    private Duration awaitRecovered(Platform platform, Admin admin, String when) throws InterruptedException {
        long start = System.nanoTime();
        while (!recovered(platform.processes(), admin)) {
            if (elapsed(start).compareTo(RECOVERY_TIMEOUT) > 0) {
                throw new ProcessException("the platform did not recover within " + RECOVERY_TIMEOUT.toMinutes()
                        + " min " + when + "; logs in " + dataDir.logs());
            }
            Thread.sleep(500);
        }
        return elapsed(start);
    }

    private static boolean recovered(List<ManagedProcess> processes, Admin admin) {
        if (!processes.stream().allMatch(p -> p.isAlive() && (p.role() != Role.SERVICE || QuarkusApp.isReady(p)))) {
            return false;
        }
        try {
            return KafkaCluster.await(admin.describeTopics(KafkaCluster.await(admin.listTopics(new ListTopicsOptions()
                    .listInternal(true)).names(), 5, "listing the topics")).allTopicNames(), 10, "describing the topics")
                    .values().stream().flatMap(t -> t.partitions().stream())
                    .allMatch(p -> p.leader() != null && p.isr().size() == TopicContract.REPLICATION_FACTOR);
        } catch (ProcessException e) {
            return false;
        }
    }

    /** From the end of the load until the bridge committed everything and the sink went quiet; null on timeout. */
    private Duration awaitDrained(DurableRecords durable, Admin admin, Instant loadStopped) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (durable.bridgeCaughtUp(admin)) {
                    Instant last = sinkRecord().stream().map(Message::at).max(Instant::compareTo).orElse(loadStopped);
                    if (Duration.between(last, Instant.now()).compareTo(QUIET) >= 0) {
                        return Duration.between(loadStopped, last.isAfter(loadStopped) ? last : loadStopped);
                    }
                }
            } catch (ProcessException e) {
                say("waiting for Kafka to answer: " + e.getMessage());
            }
            Thread.sleep(1000);
        }
        return null;
    }

    private List<Message> sinkRecord() {
        Path file = dataDir.sinkRecord();
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank())
                    .map(Message::fromJsonLine).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sink's record " + file, e);
        }
    }

    private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
        Thread.sleep(Math.max(0, (startNanos + offset.toNanos() - System.nanoTime()) / 1_000_000));
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void say(String line) {
        out.printf("[chaos %6.1f s] %s%n", elapsed(started).toMillis() / 1000.0, line);
    }
}
