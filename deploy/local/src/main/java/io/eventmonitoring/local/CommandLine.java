package io.eventmonitoring.local;

import io.eventmonitoring.process.ProcessException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code start|stop|status|restart PROCESS|chaos [options]}. Options of the platform can also come from the
 * environment ({@code --broker-port} is {@code LOCAL_PLATFORM_BROKER_PORT}); the flag wins.
 *
 * @param words what is not an option: the process of {@code restart}
 */
public record CommandLine(String command, Map<String, String> options, List<String> words) {

    private static final String NO_SERVICES = "--no-services";
    /** The options of each command; any takes {@code --repo-root}, which deploy/local/platform sets. */
    private static final Map<String, List<String>> OPTIONS = Map.of("help", List.of(),
            "start", List.of("--data-dir", NO_SERVICES, "--broker-port", "--controller-port", "--sink-port",
                    "--user-port", "--order-port", "--bridge-port"),
            "stop", List.of("--data-dir"), "status", List.of("--data-dir"), "restart", List.of("--data-dir"),
            "chaos", List.of("--minutes", "--seed", "--rate"));

    public static final String USAGE = """
            usage: deploy/local/platform start [--no-services] [options]
                   deploy/local/platform stop|status [--data-dir DIR]
                   deploy/local/platform restart PROCESS [--data-dir DIR]   (a service, a broker or a controller)
                   deploy/local/platform chaos --minutes N [--seed S] [--rate R]   (a platform of its own, under faults)

            options of start (each also read from the environment variable in brackets; the flag wins):
              --data-dir DIR          data, configs and logs (LOCAL_PLATFORM_DATA_DIR; default .local-platform/)
              --broker-port N         first of 3 broker ports (LOCAL_PLATFORM_BROKER_PORT; default 29092)
              --controller-port N     first of 3 controller ports (LOCAL_PLATFORM_CONTROLLER_PORT; default 29192)
              --sink-port N           local Slack sink (LOCAL_PLATFORM_SINK_PORT; default 29080)
              --user-port N           domain-user HTTP (LOCAL_PLATFORM_USER_PORT; default 8081)
              --order-port N          domain-order HTTP (LOCAL_PLATFORM_ORDER_PORT; default 8082)
              --bridge-port N         bridge HTTP (LOCAL_PLATFORM_BRIDGE_PORT; default 8083)
              --no-services           only Kafka, the topics and the sink

            Real Slack channels: export SLACK_WEBHOOK_USER and SLACK_WEBHOOK_ORDER before start.
            All of it, the chaos run's figures included: docs/local-platform.md
            """;

    public static CommandLine parse(List<String> args, Map<String, String> env) {
        String command = args.isEmpty() || Set.of("help", "--help", "-h").contains(args.get(0)) ? "help" : args.get(0);
        if (!OPTIONS.containsKey(command)) {
            throw new ProcessException("unknown command '" + command + "'\n\n" + USAGE);
        }
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.split("=", 2)[0];
            if (command.equals("restart") && !arg.startsWith("-")) {
                words.add(arg);
            } else if (!name.equals("--repo-root") && !OPTIONS.get(command).contains(name)) {
                throw new ProcessException(OPTIONS.values().stream().anyMatch(known -> known.contains(name))
                        ? name + " does not apply to " + command : "unknown option '" + arg + "'\n\n" + USAGE);
            } else if (name.equals(NO_SERVICES) || !name.equals(arg)) {
                options.put(name, arg.substring(name.length()).replaceFirst("^=", ""));
            } else if (i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new ProcessException(name + " needs a value");
            }
        }
        if (command.equals("restart") && words.size() != 1) {
            throw new ProcessException(words.isEmpty()
                    ? "restart needs the process to restart, e.g. restart bridge (deploy/local/platform status lists them)"
                    : "restart takes one process, not " + String.join(" ", words));
        }
        for (String option : command.equals("chaos") ? List.<String>of() : OPTIONS.get("start")) {
            String value = env.get(envName(option));
            if (value != null && !value.isBlank() && !option.equals(NO_SERVICES)) {
                options.putIfAbsent(option, value.trim());
            }
        }
        return new CommandLine(command, Map.copyOf(options), List.copyOf(words));
    }

    static String envName(String option) {
        return "LOCAL_PLATFORM_" + option.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public Path repoRoot() {
        return Path.of(options.getOrDefault("--repo-root", ".")).toAbsolutePath().normalize();
    }

    public DataDir dataDir() {
        return new DataDir(options.containsKey("--data-dir") ? Path.of(options.get("--data-dir"))
                : repoRoot().resolve(".local-platform"));
    }

    public boolean services() {
        return !options.containsKey(NO_SERVICES);
    }

    /** The first port of each kind; brokers and controllers take the next two as well. */
    public Ports ports() {
        Ports d = Ports.DEFAULTS;
        return new Ports(port("--broker-port", d.broker()), port("--controller-port", d.controller()),
                port("--sink-port", d.sink()), port("--user-port", d.user()), port("--order-port", d.order()),
                port("--bridge-port", d.bridge()));
    }

    private int port(String option, int otherwise) {
        long port = number(option, otherwise);
        if (port < 1 || port > 65533) {
            throw new ProcessException(option + " (or " + envName(option) + ") must be a port from 1 to 65533, not " + port);
        }
        return (int) port;
    }

    /** The option's number, or {@code otherwise} when it is not given. */
    public long number(String option, long otherwise) {
        String value = options.get(option);
        try {
            return value == null ? otherwise : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ProcessException(option + " (or " + envName(option) + ") must be a number, not '" + value + "'");
        }
    }
}
