package io.eventmonitoring.bench;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.QuarkusApp;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Measures what the domain services accept per second, and their latency, on a real 3-broker KRaft cluster
 * (Kafka's test kit in this JVM, or a running cluster with {@code --bootstrap}), next to the raw rate of Kafka's
 * ProducerPerformance on the same cluster.
 *
 * <p>Per service: a closed loop of {@code --connections} clients (wrk, or the Java generator) finds the saturation
 * rate (accepted commands/s, with their latency); an open loop at half that rate measures latency there. The load
 * generators run in their own processes, so the Kafka nodes' GC pauses in this JVM do not stall them. Then, per
 * service, ProducerPerformance sends records of that service's mean event size with acks=all in transactions
 * ({@code --transaction-ms} apart, the same kind of work as the services' group commit), and the service's
 * rate is compared with that. Everything shares this machine's cores: the figures are for comparing, not absolute.
 */
public final class DomainServicesBenchmark {

    /** A topic like business-events, so the raw producer's records stay out of the business events. */
    private static final String RAW_TOPIC = "bench-producer-performance";

    /** Collections of this JVM, which hosts the Kafka nodes. */
    private static final GcPauses KAFKA_GC = new GcPauses();

    private record Target(String module, String path) {
    }

    private record Figures(double saturation, double saturationP50, double saturationP99,
                           double halfRate, double halfP50, double halfP99, long halfSlow, int halfSlowWindows, int halfFirstSlowWindow,
                           long refused, double cpuMicrosPerCommand,
                           double loadCpuMicrosPerCommand, double clusterCpuMicrosPerCommand, long halfLoadGcCount,
                           long halfLoadGcMaxMillis, long halfKafkaGcCount, long halfKafkaGcMaxMillis) {
    }

    private DomainServicesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> serviceProperties = new LinkedHashMap<>();
        Map<String, String> options = options(args, serviceProperties);
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        Duration phase = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        // Long enough for the JIT to settle: on two busy cores a Quarkus service keeps compiling for tens of seconds.
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "60")));
        // Enough clients to saturate the services: with fewer, the rate is bounded by the round trip, not by the CPU.
        int connections = Integer.parseInt(options.getOrDefault("connections", "256"));
        long records = Long.parseLong(options.getOrDefault("records", "300000"));
        // The services commit a transaction as soon as the previous one is done, a few milliseconds apart under load.
        long transactionMillis = Long.parseLong(options.getOrDefault("transaction-ms", "10"));
        Optional<WrkLoad> wrk = closedLoopTool(options.getOrDefault("closed-loop", "wrk"));

        List<Target> targets = List.of(new Target("domain-user", "/users"), new Target("domain-order", "/orders"));

        if (!serviceProperties.isEmpty()) {
            System.out.println("Service settings: " + serviceProperties);
        }
        System.out.println("ProducerPerformance: acks=all, transactional, a commit every " + transactionMillis + " ms");
        System.out.println("Closed loop: " + wrk.map(WrkLoad::describe).orElse("the Java load generator")
                + "; open loop: the Java load generator");
        String bootstrap;
        // Without --bootstrap the Kafka nodes run in this JVM, whose CPU and GC are then theirs.
        boolean kafkaHere = !options.containsKey("bootstrap");
        if (!kafkaHere) {
            bootstrap = options.get("bootstrap");
            System.out.println("Kafka: the running cluster at " + bootstrap + " (its CPU and GC are not measured here)");
        } else {
            System.out.printf("Starting a KRaft cluster (3 controllers, 3 brokers) on %d cores, its data in %s...%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.io.tmpdir"));
            bootstrap = KafkaCluster.shared().bootstrapServers();
        }
        createRawTopic(bootstrap);

        Map<String, List<Figures>> byService = new HashMap<>();
        Map<String, List<ProducerPerf.Result>> rawByService = new HashMap<>();
        Map<String, Integer> recordSizes = new HashMap<>();
        for (Target target : targets) {
            byService.put(target.module(), new ArrayList<>());
            rawByService.put(target.module(), new ArrayList<>());
        }
        List<ManagedProcess> services = new ArrayList<>();
        List<LoadProcess> loads = new ArrayList<>();
        try {
            for (Target target : targets) {
                ManagedProcess service = startService(target.module(), bootstrap, serviceProperties);
                services.add(service);
                loads.add(LoadProcess.start(service.port(), target.path(), connections * 4));
            }
            // Every JVM warm before anything is measured: the brokers and the load generators compile too.
            List<Double> warmRates = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                System.out.printf("Warming up %s for %d s...%n", targets.get(i).module(), warmUp.toSeconds());
                warmRates.add(closedLoop(wrk, services.get(i), loads.get(i), targets.get(i), connections, warmUp).acceptedPerSecond());
                // The newest records of every partition are now this service's events.
                recordSizes.put(targets.get(i).module(), averageEventSize(bootstrap));
            }
            // The brokers' path for the raw producer's batches, warm too: else its first run is the slowest.
            for (Target target : targets) {
                System.out.printf("Warming up ProducerPerformance (%d records of %d bytes, %s's event size)...%n",
                        records / 3, recordSizes.get(target.module()), target.module());
                ProducerPerf.run(bootstrap, RAW_TOPIC, records / 3, recordSizes.get(target.module()), transactionMillis);
            }
            // The raw producer's batches make the brokers' JVM recompile much of its code (its perf counters show
            // it compiling right after): the services' paths again, so that happens here, not
            // in the first run. Then the open loop's own paths: else the first half-rate phase runs them cold.
            Duration rewarm = Duration.ofSeconds(Math.min(20, warmUp.toSeconds()));
            for (int i = 0; i < targets.size(); i++) {
                System.out.printf("Warming up %s again for %d s, then its open loop for %d s...%n", targets.get(i).module(),
                        rewarm.toSeconds(), rewarm.toSeconds());
                closedLoop(wrk, services.get(i), loads.get(i), targets.get(i), connections, rewarm);
                loads.get(i).openLoop(warmRates.get(i) / 2, rewarm);
            }
            for (int run = 1; run <= runs; run++) {
                System.out.printf("%nRun %d of %d (%d s phases, %d connections), from %s%n", run, runs, phase.toSeconds(),
                        connections, LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
                for (int i = 0; i < targets.size(); i++) {
                    Target target = targets.get(i);
                    Figures figures = measure(wrk, services.get(i), loads.get(i), target, connections, phase);
                    byService.get(target.module()).add(figures);
                    System.out.printf("  %-13s saturation %7.0f accepted/s  p50 %6.1f ms  p99 %6.1f ms | at %6.0f/s  p50 %6.1f ms  p99 %6.1f ms, over 50 ms: %d in %d windows of 100 ms%s | refused %d | CPU us/command: service %.0f, load %.0f, Kafka %s | GC at half rate: load %d, longest %d ms; Kafka %s%n",
                            target.module(), figures.saturation(), figures.saturationP50(), figures.saturationP99(),
                            figures.halfRate(), figures.halfP50(), figures.halfP99(), figures.halfSlow(),
                            figures.halfSlowWindows(),
                            figures.halfFirstSlowWindow() < 0 ? "" : String.format(" from %.1f s", figures.halfFirstSlowWindow() / 10.0),
                            figures.refused(), figures.cpuMicrosPerCommand(),
                            figures.loadCpuMicrosPerCommand(),
                            kafkaMicros(kafkaHere, figures.clusterCpuMicrosPerCommand()),
                            figures.halfLoadGcCount(), figures.halfLoadGcMaxMillis(),
                            kafkaHere ? figures.halfKafkaGcCount() + ", longest " + figures.halfKafkaGcMaxMillis() + " ms" : "n/a");
                }
                for (Target target : targets) {
                    int recordSize = recordSizes.get(target.module());
                    Duration benchBefore = benchCpu();
                    ProducerPerf.Result perf = ProducerPerf.run(bootstrap, RAW_TOPIC, records, recordSize, transactionMillis);
                    rawByService.get(target.module()).add(perf);
                    System.out.printf("  %-13s %7.0f records/s  p50 %6.1f ms  p99 %6.1f ms  (%d-byte records, %s's event size, acks=all) | Kafka CPU %s us/record%n",
                            "ProducerPerf", perf.recordsPerSecond(), perf.p50Millis(), perf.p99Millis(), recordSize,
                            target.module(), kafkaMicros(kafkaHere, benchCpu().minus(benchBefore).toNanos() / 1000.0 / records));
                }
            }
        } finally {
            for (LoadProcess load : loads) {
                load.close();
            }
            for (ManagedProcess service : services) {
                service.close();
            }
        }

        System.out.printf("%nMedians of %d runs%n", runs);
        System.out.printf("  %-13s %12s %9s %9s %11s %9s %9s %10s %8s %12s %12s%n", "", "accepted/s", "p50 ms", "p99 ms",
                "half rate/s", "p50 ms", "p99 ms", "raw rec/s", "vs raw", "service us", "Kafka us");
        for (Target target : targets) {
            List<Figures> f = byService.get(target.module());
            double saturation = median(f.stream().mapToDouble(Figures::saturation).toArray());
            double rawRate = median(rawByService.get(target.module()).stream()
                    .mapToDouble(ProducerPerf.Result::recordsPerSecond).toArray());
            System.out.printf("  %-13s %12.0f %9.1f %9.1f %11.0f %9.1f %9.1f %10.0f %8.2f %12.0f %12s%n", target.module(), saturation,
                    median(f.stream().mapToDouble(Figures::saturationP50).toArray()),
                    median(f.stream().mapToDouble(Figures::saturationP99).toArray()),
                    median(f.stream().mapToDouble(Figures::halfRate).toArray()),
                    median(f.stream().mapToDouble(Figures::halfP50).toArray()),
                    median(f.stream().mapToDouble(Figures::halfP99).toArray()),
                    rawRate, saturation / rawRate,
                    median(f.stream().mapToDouble(Figures::cpuMicrosPerCommand).toArray()),
                    kafkaMicros(kafkaHere, median(f.stream().mapToDouble(Figures::clusterCpuMicrosPerCommand).toArray())));
        }
        System.out.println("raw rec/s: ProducerPerformance's records/s with records of the service's mean event size.");
        System.out.println("Targets: accepted/s at least 0.50 of the raw producer's records/s; p99 under 50 ms at half rate.");
        // The test kit's brokers run on non-daemon threads.
        System.exit(0);
    }

    /** The module's packaged app on a free port, ready; its log in bench/target. */
    private static ManagedProcess startService(String module, String bootstrap, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("kafka.bootstrap.servers", bootstrap);
        // A fixed, pre-touched heap, as for a latency-sensitive service: growing it mid-phase faults in fresh pages.
        return QuarkusApp.startReady(Path.of("").toAbsolutePath(), module, LocalPorts.free(),
                List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"), all, Map.of(),
                Path.of("bench", "target", module + ".log").toAbsolutePath(), Duration.ofSeconds(120));
    }

    private static Figures measure(Optional<WrkLoad> wrk, ManagedProcess service, LoadProcess load, Target target,
                                   int connections, Duration phase) throws Exception {
        Duration serviceBefore = service.cpu();
        Duration benchBefore = benchCpu();
        HttpLoad.Result saturated = closedLoop(wrk, service, load, target, connections, phase);
        double accepted = Math.max(1, saturated.accepted());
        double serviceMicros = service.cpu().minus(serviceBefore).toNanos() / 1000.0 / accepted;
        // The load generator has its own JVM: what this one spends is the brokers' and controllers'.
        double clusterMicros = benchCpu().minus(benchBefore).toNanos() / 1000.0 / accepted;
        double half = saturated.acceptedPerSecond() / 2;
        KAFKA_GC.reset();
        HttpLoad.Result atHalf = load.openLoop(half, phase);
        return new Figures(saturated.acceptedPerSecond(), saturated.p50Millis(), saturated.p99Millis(),
                half, atHalf.p50Millis(), atHalf.p99Millis(), atHalf.slow(), atHalf.slowWindows(), atHalf.firstSlowWindow(),
                saturated.refused() + saturated.failed() + atHalf.refused() + atHalf.failed(), serviceMicros,
                saturated.cpu().toNanos() / 1000.0 / accepted, clusterMicros,
                atHalf.gcCount(), atHalf.gcMaxMillis(), KAFKA_GC.count(), KAFKA_GC.maxMillis());
    }

    private static HttpLoad.Result closedLoop(Optional<WrkLoad> wrk, ManagedProcess service, LoadProcess load,
                                              Target target, int connections, Duration duration) throws Exception {
        return wrk.isPresent()
                ? wrk.get().closedLoop(service.port(), target.path(), connections, duration)
                : load.closedLoop(connections, duration);
    }

    /** wrk unless {@code java} is asked for; without wrk on the PATH, the Java generator, said so. */
    private static Optional<WrkLoad> closedLoopTool(String choice) throws Exception {
        switch (choice) {
            case "java":
                return Optional.empty();
            case "wrk":
                Optional<WrkLoad> wrk = WrkLoad.find();
                if (wrk.isEmpty()) {
                    System.out.println("wrk is not on the PATH (Debian: apt-get install wrk): the closed loop runs in "
                            + "the Java load generator, which takes more of the machine's CPU per command.");
                }
                return wrk;
            default:
                throw new IllegalArgumentException("--closed-loop is wrk or java, got " + choice);
        }
    }

    /** The Kafka nodes' CPU, in this JVM's CPU only when they run in it; n/a against a cluster elsewhere. */
    private static String kafkaMicros(boolean kafkaHere, double micros) {
        return kafkaHere ? String.format("%.0f", micros) : "n/a";
    }

    private static Duration benchCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("this platform does not report the benchmark's own CPU time"));
    }

    private static void createRawTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (admin.listTopics().names().get().contains(RAW_TOPIC)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, TopicContract.topic(Topics.BUSINESS_EVENTS).partitions(), (short) 3)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")))).all().get();
        }
    }

    /** Mean value size of the newest records of each partition: the events of the service that ran last. */
    private static int averageEventSize(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUSINESS_EVENTS).stream()
                    .map(p -> new TopicPartition(Topics.BUSINESS_EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.endOffsets(partitions).forEach((p, end) -> consumer.seek(p, Math.max(0, end - 200)));
            long bytes = 0;
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count < 200L * partitions.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.serializedValueSize();
                    count++;
                }
            }
            return (int) (bytes / Math.max(1, count));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** {@code --name value} pairs; {@code --set key=value} (repeatable) goes to the services as a system property. */
    private static Map<String, String> options(String[] args, Map<String, String> serviceProperties) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: [--runs N] [--seconds S] [--warmup S] [--connections C] "
                        + "[--records R] [--closed-loop wrk|java] [--bootstrap host:port,...] [--set key=value]...");
            }
            String name = args[i].substring(2);
            String value = args[++i];
            if (name.equals("set")) {
                int eq = value.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--set needs key=value, got " + value);
                }
                serviceProperties.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(name, value);
            }
        }
        return options;
    }
}
