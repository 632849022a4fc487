package io.eventmonitoring.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * HTTP load on one service from a single Vert.x event loop: closed loop (a fixed number of clients, each sending
 * its next command when the previous is answered) to find the saturation rate, and open loop (commands sent on a
 * fixed schedule whatever the answers) to measure latency at a given rate. Open-loop latency counts from when a
 * command was due, so a stalled service is not hidden by the load generator waiting for it.
 */
final class HttpLoad implements AutoCloseable {

    /** What a phase measured: answers by kind, the rate of accepted commands, latency of accepted ones. */
    record Result(long accepted, long refused, long failed, double seconds, Latencies latencies) {
        double acceptedPerSecond() {
            return accepted / seconds;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final String path;
    private final IntFunction<Buffer> bodies;
    private final long eventLoopThread;

    HttpLoad(int port, String path, IntFunction<Buffer> bodies, int connections) throws Exception {
        // One event loop, as the phases assume; its thread is found once to account for the generator's CPU.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        CompletableFuture<Long> thread = new CompletableFuture<>();
        vertx.runOnContext(v -> thread.complete(Thread.currentThread().getId()));
        this.eventLoopThread = thread.get(10, TimeUnit.SECONDS);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
                        .setConnectTimeout(5_000).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.path = path;
        this.bodies = bodies;
    }

    /** CPU time the load generator's event loop has used so far. */
    Duration cpu() {
        return Duration.ofNanos(ManagementFactory.getThreadMXBean().getThreadCpuTime(eventLoopThread));
    }

    /** {@code clients} commands in flight at all times, for {@code duration}. */
    Result closedLoop(int clients, Duration duration) throws Exception {
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
        return phase.result(duration.toNanos() / 1e9);
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
            phase.record(answer, System.nanoTime() - sent);
            loop(phase, end, running, done);
        });
    }

    /** Commands sent at {@code perSecond}, evenly spaced, for {@code duration}; then waits for the last answers. */
    Result openLoop(double perSecond, Duration duration) throws Exception {
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
                        phase.record(answer, System.nanoTime() - intended);
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
        return phase.result(duration.toNanos() / 1e9);
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
        long accepted;
        long refused;
        long failed;

        void record(io.vertx.core.AsyncResult<Integer> answer, long nanos) {
            if (answer.succeeded() && answer.result() == 202) {
                accepted++;
                latencies.add(nanos);
            } else if (answer.succeeded()) {
                refused++;
            } else {
                failed++;
            }
        }

        Result result(double seconds) {
            return new Result(accepted, refused, failed, seconds, latencies);
        }
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
