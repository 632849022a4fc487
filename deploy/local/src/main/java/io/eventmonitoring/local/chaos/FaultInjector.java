package io.eventmonitoring.local.chaos;

import io.eventmonitoring.local.Platform;
import io.eventmonitoring.local.PlatformException;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.Role;
import io.eventmonitoring.local.sink.SinkFault;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Does a fault to the running platform and undoes it: a killed broker is started again after the fault's length,
 * a frozen one continued; a killed service is left to the platform's supervisor, as Kubernetes would restart it.
 */
final class FaultInjector {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Platform platform;

    FaultInjector(Platform platform) {
        this.platform = platform;
    }

    void apply(Fault fault) throws InterruptedException {
        switch (fault.kind()) {
            case KILL_BROKER -> {
                kill(fault.target());
                Thread.sleep(fault.length().toMillis());
                platform.restartKafkaNode(fault.target());
            }
            case FREEZE_BROKER -> {
                signal("STOP", process(fault.target()));
                try {
                    Thread.sleep(fault.length().toMillis());
                } finally {
                    signal("CONT", process(fault.target()));
                }
            }
            case KILL_BRIDGE, KILL_DOMAIN_SERVICE -> kill(fault.target());
            case SINK_429, SINK_500 -> {
                platform.sink().answerWith(fault.kind() == FaultKind.SINK_429
                        ? SinkFault.rateLimited(fault.retryAfter()) : SinkFault.serverError());
                try {
                    Thread.sleep(fault.length().toMillis());
                } finally {
                    platform.sink().answerNormally();
                }
            }
        }
    }

    /** Whatever a run stopped in the middle left: brokers continued, the sink answering normally. */
    void undoAll() {
        platform.processes().stream().filter(p -> p.role() != Role.SERVICE).forEach(p -> signal("CONT", p));
        if (platform.sink() != null) {
            platform.sink().answerNormally();
        }
    }

    private void kill(String name) throws InterruptedException {
        ManagedProcess victim = process(name);
        victim.handle().destroyForcibly();
        try {
            victim.exited().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new PlatformException(name + " (pid " + victim.pid() + ") did not end after kill -9");
        }
    }

    private ManagedProcess process(String name) {
        return platform.processes().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new PlatformException("no process named " + name));
    }

    private static void signal(String signal, ManagedProcess process) {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new PlatformException("kill -" + signal + " " + process.pid() + " (" + process.name() + ") failed");
            }
        } catch (IOException e) {
            throw new PlatformException("cannot signal " + process.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
