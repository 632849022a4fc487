package io.eventmonitoring.local;

import io.eventmonitoring.local.cluster.Layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code start|stop|status [options]} and {@code restart <process> [options]}. Every option with a value can also come from the environment:
 * {@code --broker-port} is {@code LOCAL_PLATFORM_BROKER_PORT}; the flag wins.
 */
public final class CommandLine {

    public static final String DATA_DIR = "--data-dir";
    public static final String LAYOUT = "--layout";
    public static final String BROKER_PORT = "--broker-port";
    public static final String CONTROLLER_PORT = "--controller-port";
    public static final String SINK_PORT = "--sink-port";
    public static final String USER_PORT = "--user-port";
    public static final String ORDER_PORT = "--order-port";
    public static final String BRIDGE_PORT = "--bridge-port";
    public static final String NO_SERVICES = "--no-services";
    /** Set by deploy/local/platform; the data folder and the service jars are found from it. */
    public static final String REPO_ROOT = "--repo-root";

    private static final Set<String> VALUED = Set.of(DATA_DIR, LAYOUT, BROKER_PORT, CONTROLLER_PORT, SINK_PORT,
            USER_PORT, ORDER_PORT, BRIDGE_PORT, REPO_ROOT);
    private static final Set<String> ANY_COMMAND = Set.of(DATA_DIR, REPO_ROOT);

    public enum Command { START, STOP, STATUS, RESTART, HELP }

    /** {@code process} is the process {@code restart} names, null for the other commands. */
    public record Invocation(Command command, PlatformConfig config, String process) {
    }

    private CommandLine() {
    }

    public static Invocation parse(List<String> args, Map<String, String> env) {
        if (args.isEmpty() || Set.of("help", "--help", "-h").contains(args.get(0))) {
            return new Invocation(Command.HELP, null, null);
        }
        Command command = switch (args.get(0)) {
            case "start" -> Command.START;
            case "stop" -> Command.STOP;
            case "status" -> Command.STATUS;
            case "restart" -> Command.RESTART;
            default -> throw new PlatformException("unknown command '" + args.get(0) + "'\n\n" + usage());
        };
        List<String> names = new ArrayList<>();
        Map<String, String> flags = flags(args.subList(1, args.size()), command, names);
        if (command == Command.RESTART && names.size() != 1) {
            throw new PlatformException(names.isEmpty()
                    ? "restart needs the process to restart, e.g. restart bridge (deploy/local/platform status lists them)"
                    : "restart takes one process, not " + String.join(" ", names));
        }
        Path repoRoot = Path.of(flags.getOrDefault(REPO_ROOT, ".")).toAbsolutePath().normalize();
        String dataDir = value(flags, env, DATA_DIR);
        DataDir data = new DataDir(dataDir == null ? repoRoot.resolve(".local-platform") : Path.of(dataDir));
        String layout = value(flags, env, LAYOUT);
        Ports ports = new Ports(
                port(flags, env, BROKER_PORT, Ports.DEFAULTS.broker()),
                port(flags, env, CONTROLLER_PORT, Ports.DEFAULTS.controller()),
                port(flags, env, SINK_PORT, Ports.DEFAULTS.sink()),
                port(flags, env, USER_PORT, Ports.DEFAULTS.user()),
                port(flags, env, ORDER_PORT, Ports.DEFAULTS.order()),
                port(flags, env, BRIDGE_PORT, Ports.DEFAULTS.bridge()));
        return new Invocation(command, new PlatformConfig(
                repoRoot,
                data,
                layout == null ? Layout.SPLIT : Layout.parse(layout, describe(flags, LAYOUT)),
                ports,
                !flags.containsKey(NO_SERVICES)),
                command == Command.RESTART ? names.get(0) : null);
    }

    public static String envName(String flag) {
        return "LOCAL_PLATFORM_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public static String usage() {
        return """
                usage: deploy/local/platform start [--layout split|combined] [--no-services] [options]
                       deploy/local/platform stop [--data-dir DIR]
                       deploy/local/platform status [--data-dir DIR]
                       deploy/local/platform restart PROCESS [--data-dir DIR]   (a service, a broker or a controller)
                       deploy/local/platform chaos --minutes N [--seed S]       (faults under load on a platform of its own)

                options (each also read from the environment variable in brackets; the flag wins):
                  --data-dir DIR          data, configs and logs (LOCAL_PLATFORM_DATA_DIR; default .local-platform/)
                  --layout split|combined 3 controllers + 3 brokers, or 3 combined nodes (LOCAL_PLATFORM_LAYOUT; default split)
                  --broker-port N         first of 3 broker ports (LOCAL_PLATFORM_BROKER_PORT; default 29092)
                  --controller-port N     first of 3 controller ports (LOCAL_PLATFORM_CONTROLLER_PORT; default 29192)
                  --sink-port N           local Slack webhook sink (LOCAL_PLATFORM_SINK_PORT; default 29080)
                  --user-port N           domain-user HTTP (LOCAL_PLATFORM_USER_PORT; default 8081)
                  --order-port N          domain-order HTTP (LOCAL_PLATFORM_ORDER_PORT; default 8082)
                  --bridge-port N         bridge HTTP (LOCAL_PLATFORM_BRIDGE_PORT; default 8083)
                  --no-services           only Kafka, the topics and the sink

                Real Slack channels: export SLACK_WEBHOOK_USER and SLACK_WEBHOOK_ORDER before start.
                """;
    }

    /** Collects the options; the words that are not options go to {@code names}, which only restart takes. */
    private static Map<String, String> flags(List<String> args, Command command, List<String> names) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (command == Command.RESTART && !arg.startsWith("-")) {
                names.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!VALUED.contains(name) && !NO_SERVICES.equals(name)) {
                throw new PlatformException("unknown option '" + arg + "'\n\n" + usage());
            }
            if (command != Command.START && !ANY_COMMAND.contains(name)) {
                throw new PlatformException(name + " only applies to start");
            }
            String value;
            if (NO_SERVICES.equals(name)) {
                if (!name.equals(arg)) {
                    throw new PlatformException(NO_SERVICES + " takes no value");
                }
                value = "";
            } else if (!name.equals(arg)) {
                value = arg.substring(name.length() + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new PlatformException(name + " needs a value");
            }
            flags.put(name, value);
        }
        return flags;
    }

    private static String value(Map<String, String> flags, Map<String, String> env, String flag) {
        String value = flags.containsKey(flag) ? flags.get(flag) : env.get(envName(flag));
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int port(Map<String, String> flags, Map<String, String> env, String flag, int defaultPort) {
        String value = value(flags, env, flag);
        if (value == null) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PlatformException(describe(flags, flag) + " must be a port number, not '" + value + "'");
        }
    }

    private static String describe(Map<String, String> flags, String flag) {
        return flags.containsKey(flag) ? flag : envName(flag);
    }
}
