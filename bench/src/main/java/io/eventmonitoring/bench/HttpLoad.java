package io.eventmonitoring.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * HTTP load on one service from a single Vert.x event loop: closed loop (a fixed number of clients, each sending
 * its next command when the previous is answered) to find the saturation rate, and open loop (commands sent on a
 * fixed schedule whatever the answers) to measure latency at a given rate. Open-loop latency counts from when a
 * command was due, so a stalled service is not hidden by the load generator waiting for it.
 *
 * <p>Runs in its own JVM ({@link LoadProcess}), as wrk would: a pause of the benchmark's JVM, which hosts the Kafka
 * nodes, must not stall the generator, whose open loop would charge that stall to the service. {@link #main}
 * takes one phase per line on stdin ({@code closed <clients> <seconds>} or {@code open <perSecond> <seconds>})
 * and answers each with one {@link Result} line on stdout.
 */
final class HttpLoad implements AutoCloseable {

    /** Prefix of the result lines, so anything else a library prints on stdout cannot be taken for one. */
    static final String RESULT = "result ";

    /** Latency above which a command counts as slow, the target for p99 at half rate. */
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Slow commands are grouped by when they were due, in windows this long: a stall shows as few windows. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * What a phase measured: answers by kind, latency of accepted ones, the accepted ones slower than
     * {@link #SLOW_NANOS} and in how many {@link #WINDOW_NANOS} windows they were due, and what the generator's JVM
     * spent on it (CPU of all its threads; GC collections and the longest).
     */
    record Result(long accepted, long refused, long failed, double seconds, double p50Millis, double p99Millis,
                  long slow, int slowWindows, int firstSlowWindow, Duration cpu, long gcCount, long gcMaxMillis) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        String toLine() {
            return RESULT + "accepted=" + accepted + " refused=" + refused + " failed=" + failed + " seconds=" + seconds
                    + " p50=" + p50Millis + " p99=" + p99Millis + " slow=" + slow + " slow_windows=" + slowWindows
                    + " first_slow_window=" + firstSlowWindow + " cpu_ns=" + cpu.toNanos()
                    + " gc_count=" + gcCount + " gc_max_ms=" + gcMaxMillis;
        }

        static Result parse(String line) {
            Map<String, String> fields = new HashMap<>();
            for (String field : line.substring(RESULT.length()).split(" ")) {
                int eq = field.indexOf('=');
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            return new Result(Long.parseLong(fields.get("accepted")), Long.parseLong(fields.get("refused")),
                    Long.parseLong(fields.get("failed")), Double.parseDouble(fields.get("seconds")),
                    Double.parseDouble(fields.get("p50")), Double.parseDouble(fields.get("p99")),
                    Long.parseLong(fields.get("slow")), Integer.parseInt(fields.get("slow_windows")),
                    Integer.parseInt(fields.get("first_slow_window")),
                    Duration.ofNanos(Long.parseLong(fields.get("cpu_ns"))), Long.parseLong(fields.get("gc_count")),
                    Long.parseLong(fields.get("gc_max_ms")));
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final String path;
    private final IntFunction<Buffer> bodies;

    private HttpLoad(int port, String path, int connections) {
        // One event loop, as the phases assume: every counter is touched by that thread only.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        // Connections stay pooled however long the generator idles between its phases: with Vert.x's default
        // (60 s) the first half-rate phase of a session began by opening hundreds of connections at once.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true).setKeepAliveTimeout(0)
                        .setConnectTimeout(5_000).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.path = path;
        this.bodies = bodies(path);
    }

    /** {@code <port> <path> <connections>}; then phases from stdin until it closes. */
    public static void main(String[] args) throws Exception {
        GcPauses gc = new GcPauses();
        try (HttpLoad load = new HttpLoad(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]));
             BufferedReader phases = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = phases.readLine(); line != null; line = phases.readLine()) {
                String[] phase = line.split(" ");
                Duration duration = Duration.ofSeconds(Long.parseLong(phase[2]));
                Duration cpuBefore = cpu();
                gc.reset();
                Phase measured = switch (phase[0]) {
                    case "closed" -> load.closedLoop(Integer.parseInt(phase[1]), duration);
                    case "open" -> load.openLoop(Double.parseDouble(phase[1]), duration);
                    default -> throw new IllegalArgumentException("unknown phase: " + line);
                };
                Duration cpu = cpu().minus(cpuBefore);
                System.out.println(new Result(measured.accepted, measured.refused, measured.failed,
                        duration.toNanos() / 1e9, measured.latencies.percentileMillis(50),
                        measured.latencies.percentileMillis(99), measured.slow, measured.slowWindows.cardinality(),
                        measured.slowWindows.nextSetBit(0),
                        cpu, gc.count(), gc.maxMillis()).toLine());
                System.out.flush();
            }
        }
    }

    private static IntFunction<Buffer> bodies(String path) {
        return switch (path) {
            case "/users" -> n -> Buffer.buffer("{\"email\":\"bench" + n + "@example.com\",\"name\":\"Bench User " + n + "\"}");
            case "/orders" -> n -> Buffer.buffer("{\"customerId\":\"customer-" + (n % 1000) + "\",\"currency\":\"EUR\",\"items\":["
                    + "{\"sku\":\"KB-MECH-01\",\"quantity\":1,\"unitPrice\":89.90},"
                    + "{\"sku\":\"LAMP-LED-3\",\"quantity\":2,\"unitPrice\":34.90}]}");
            default -> throw new IllegalArgumentException("no commands for " + path);
        };
    }

    /** CPU time of this whole JVM: the event loop, and the GC and JIT threads that serve it. */
    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("this platform does not report the load generator's CPU time"));
    }

    /** {@code clients} commands in flight at all times, for {@code duration}. */
    private Phase closedLoop(int clients, Duration duration) throws Exception {
        Phase phase = new Phase();
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            phase.start = System.nanoTime();
            long end = phase.start + duration.toNanos();
            int[] running = {clients};
            for (int i = 0; i < clients; i++) {
                loop(phase, end, running, done);
            }
        });
        done.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return phase;
    }

    private void loop(Phase phase, long end, int[] running, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            if (--running[0] == 0) {
                done.complete(null);
            }
            return;
        }
        send(phase.sequence++).onComplete(answer -> {
            phase.record(answer, sent, System.nanoTime());
            loop(phase, end, running, done);
        });
    }

    /** Commands sent at {@code perSecond}, evenly spaced, for {@code duration}; then waits for the last answers. */
    private Phase openLoop(double perSecond, Duration duration) throws Exception {
        Phase phase = new Phase();
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        double gapNanos = 1e9 / perSecond;
        CompletableFuture<Void> done = new CompletableFuture<>();
        long[] answered = {0};
        vertx.runOnContext(v -> {
            phase.start = System.nanoTime();
            long[] issued = {0};
            vertx.setPeriodic(1, timer -> {
                long due = Math.min(total, (long) ((System.nanoTime() - phase.start) / gapNanos) + 1);
                while (issued[0] < due) {
                    long intended = phase.start + (long) (issued[0] * gapNanos);
                    issued[0]++;
                    send(phase.sequence++).onComplete(answer -> {
                        phase.record(answer, intended, System.nanoTime());
                        if (++answered[0] == total) {
                            done.complete(null);
                        }
                    });
                }
                if (issued[0] == total) {
                    vertx.cancelTimer(timer);
                }
            });
        });
        done.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return phase;
    }

    private Future<Integer> send(int sequence) {
        return client.request(HttpMethod.POST, path)
                .compose(request -> request.putHeader("content-type", "application/json").send(bodies.apply(sequence)))
                .compose(response -> response.body().map(body -> response.statusCode()));
    }

    /** Counters of one phase; touched only on the load generator's event loop. */
    private static final class Phase {
        final Latencies latencies = new Latencies();
        long start;
        int sequence;
        final BitSet slowWindows = new BitSet();
        long accepted;
        long slow;
        long refused;
        long failed;

        /** {@code due}: when the command was due (open loop) or sent (closed loop). */
        void record(io.vertx.core.AsyncResult<Integer> answer, long due, long answered) {
            if (answer.succeeded() && answer.result() == 202) {
                accepted++;
                long nanos = answered - due;
                latencies.add(nanos);
                if (nanos > SLOW_NANOS) {
                    slow++;
                    slowWindows.set((int) ((due - start) / WINDOW_NANOS));
                }
            } else if (answer.succeeded()) {
                refused++;
            } else {
                failed++;
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
