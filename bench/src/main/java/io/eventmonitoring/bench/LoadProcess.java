package io.eventmonitoring.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP load generator ({@link HttpLoad}) on one service, in its own JVM, kept for the whole benchmark so its
 * JIT stays warm from the warm-up on. Phases go to it over stdin; each result comes back as one line on stdout.
 */
final class LoadProcess implements AutoCloseable {

    private final Process process;
    private final Writer phases;
    private final BufferedReader results;

    private LoadProcess(Process process) {
        this.process = process;
        this.phases = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static LoadProcess start(int port, String path, int connections) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Its live set is a few MB (connections, one phase's latencies), so a fixed small heap is plenty;
                // pre-touched, no page is first faulted in during a phase.
                "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
                // Little live data makes young collections short, much shorter than in the Kafka nodes' JVM.
                // Serial collects on one thread: a parallel collector's pause lasts until its
                // slowest thread ends, and on two shared cores one of them is often waiting for a core.
                "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                HttpLoad.class.getName(), Integer.toString(port), path, Integer.toString(connections));
        return new LoadProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** {@code clients} commands in flight at all times, for {@code duration}. */
    HttpLoad.Result closedLoop(int clients, Duration duration) throws Exception {
        return phase("closed " + clients + " " + duration.toSeconds());
    }

    /** Commands at {@code perSecond}, evenly spaced, for {@code duration}, latency from each one's due time. */
    HttpLoad.Result openLoop(double perSecond, Duration duration) throws Exception {
        return phase(String.format(Locale.ROOT, "open %.3f %d", perSecond, duration.toSeconds()));
    }

    private HttpLoad.Result phase(String phase) throws Exception {
        phases.write(phase + "\n");
        phases.flush();
        for (String line = results.readLine(); line != null; line = results.readLine()) {
            if (line.startsWith(HttpLoad.RESULT)) {
                return HttpLoad.Result.parse(line);
            }
            System.out.println("  [load generator] " + line);
        }
        throw new IllegalStateException("the load generator exited with " + process.waitFor() + " during: " + phase);
    }

    @Override
    public void close() throws Exception {
        // End of its stdin ends the generator.
        phases.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
