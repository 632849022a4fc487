package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.QuarkusApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The three services of the platform, each a Quarkus fast-jar built in its own module. */
public enum Service {
    DOMAIN_USER("domain-user"),
    DOMAIN_ORDER("domain-order"),
    BRIDGE("bridge");

    private final String module;

    Service(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }

    public int port(Ports ports) {
        return switch (this) {
            case DOMAIN_USER -> ports.user();
            case DOMAIN_ORDER -> ports.order();
            case BRIDGE -> ports.bridge();
        };
    }

    /** Starts the service's packaged app; {@code env} carries its secrets, which never appear on its command line. */
    ManagedProcess start(Path repoRoot, DataDir dataDir, int port, String bootstrapServers, Map<String, String> env) {
        return QuarkusApp.start(repoRoot, module, port, List.of("-Xmx256m"),
                Map.of("kafka.bootstrap.servers", bootstrapServers), env, dataDir.log(module));
    }

    /** Fails, naming the build command, if a service's jar is missing; checked before anything starts. */
    static void checkBuilt(Path repoRoot, List<Service> services) {
        List<Service> missing = services.stream()
                .filter(s -> !Files.isRegularFile(QuarkusApp.jar(repoRoot, s.module))).toList();
        if (!missing.isEmpty()) {
            throw new PlatformException("not built: " + missing.stream()
                    .map(s -> s.module + " (" + repoRoot.relativize(QuarkusApp.jar(repoRoot, s.module)) + ")")
                    .collect(Collectors.joining(", "))
                    + "; build them from the repository root with: ./mvnw -q -DskipTests install"
                    + " (or start with --no-services)");
        }
    }
}
