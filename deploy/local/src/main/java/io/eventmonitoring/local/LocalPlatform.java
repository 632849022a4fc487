package io.eventmonitoring.local;

import io.eventmonitoring.local.CommandLine.Invocation;
import io.eventmonitoring.local.cluster.KafkaRuntime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of deploy/local/platform: {@code start} runs in the foreground until Ctrl-C (or {@code stop} from
 * another terminal); {@code status}, {@code stop} and {@code restart} act on the platform running from the same
 * data folder.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(CommandLine.parse(List.of(args), System.getenv()));
        } catch (PlatformException e) {
            System.err.println("local platform: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    private static int run(Invocation invocation) {
        if (invocation.command() == CommandLine.Command.HELP) {
            System.out.print(CommandLine.usage());
            return 0;
        }
        PlatformConfig config = invocation.config();
        config.dataDir().create();
        logKafkaClientsTo(config.dataDir(), invocation.command() == CommandLine.Command.START ? "launcher" : "cli");
        return switch (invocation.command()) {
            case START -> start(config);
            case STOP -> StopCommand.run(config.dataDir(), System.out);
            case STATUS -> StatusView.print(config.dataDir(), System.out);
            case RESTART -> RestartCommand.run(config.dataDir(), invocation.process(), System.out);
            case HELP -> throw new IllegalStateException("handled above");
        };
    }

    /** The launcher's Kafka clients log to a file: a console full of reconnect warnings while brokers boot helps no one. */
    private static void logKafkaClientsTo(DataDir dataDir, String name) {
        System.setProperty("log4j2.configurationFile", KafkaRuntime.writeLogConfig(dataDir.config()).toString());
        System.setProperty(KafkaRuntime.LOG_FILE_PROPERTY, dataDir.log(name).toString());
    }

    private static int start(PlatformConfig config) {
        Platform platform = new Platform(config, System.getenv(), System.out);
        // Ctrl-C, a closed terminal and `stop` (SIGTERM) all end here, at any moment of the start.
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "local-platform-stop"));
        Duration startTime;
        try {
            startTime = platform.start();
        } catch (PlatformException e) {
            if (!platform.isStopping()) {
                System.err.println("local platform: " + e.getMessage());
            }
            return 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        }
        System.out.println(platform.banner(startTime));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
