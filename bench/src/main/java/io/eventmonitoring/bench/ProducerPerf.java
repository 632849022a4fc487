package io.eventmonitoring.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance} (kafka-tools), in its own JVM like the services, acks=all and
 * transactional as the services publish: a transaction committed every {@code transactionMillis}.
 */
final class ProducerPerf {

    /** Records per second and latency percentiles, as ProducerPerformance reports them at the end. */
    record Result(double recordsPerSecond, double p50Millis, double p99Millis) {
    }

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec .*?, ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private ProducerPerf() {
    }

    static Result run(String bootstrapServers, String topic, long records, int recordSize, long transactionMillis)
            throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1",
                "--transactional-id", "bench-producer-performance-" + UUID.randomUUID(),
                "--transaction-duration-ms", Long.toString(transactionMillis),
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Result result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher m = SUMMARY.matcher(line);
                // Progress lines have the same shape without percentiles; the summary is the last match.
                if (m.find()) {
                    result = new Result(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(5)),
                            Double.parseDouble(m.group(7)));
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
            throw new IllegalStateException("ProducerPerformance failed:\n" + output);
        }
        return result;
    }
}
