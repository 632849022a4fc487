package io.eventmonitoring.local.chaos;

import io.eventmonitoring.local.Platform;
import io.eventmonitoring.local.PlatformException;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.Role;
import io.eventmonitoring.slacksink.SlackSink;


/**
 * Does a fault to the running platform and undoes it: a killed broker is started again after the fault's length,
 * a frozen one continued; a killed service is left to the platform's supervisor, as Kubernetes would restart it.
 */
final class FaultInjector {

    private final Platform platform;

    FaultInjector(Platform platform) {
        this.platform = platform;
    }

    void apply(Fault fault) throws InterruptedException {
        switch (fault.kind()) {
            case KILL_BROKER -> {
                process(fault.target()).kill();
                Thread.sleep(fault.length().toMillis());
                platform.restartKafkaNode(fault.target());
            }
            case FREEZE_BROKER -> {
                process(fault.target()).signal("STOP");
                try {
                    Thread.sleep(fault.length().toMillis());
                } finally {
                    process(fault.target()).signal("CONT");
                }
            }
            case KILL_BRIDGE, KILL_DOMAIN_SERVICE -> process(fault.target()).kill();
            case SINK_429, SINK_500 -> {
                platform.sink().answerWith(fault.kind() == FaultKind.SINK_429
                        ? SlackSink.Fault.rateLimited(fault.retryAfter()) : SlackSink.Fault.serverError());
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
        platform.processes().stream().filter(p -> p.role() != Role.SERVICE).forEach(p -> p.signal("CONT"));
        if (platform.sink() != null) {
            platform.sink().answerNormally();
        }
    }

    private ManagedProcess process(String name) {
        return platform.processes().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new PlatformException("no process named " + name));
    }
}
