package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.QuarkusApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts the services' packaged apps against the local cluster, their logs in the data folder. */
final class ServiceLauncher {

    static final String BUILD_COMMAND = "./mvnw -q -DskipTests install";

    private final Path repoRoot;
    private final DataDir dataDir;

    ServiceLauncher(Path repoRoot, DataDir dataDir) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
    }

    /** Fails, naming the build command, if a service's jar is missing; checked before anything starts. */
    void checkBuilt(List<Service> services) {
        List<Service> missing = services.stream()
                .filter(s -> !Files.isRegularFile(QuarkusApp.jar(repoRoot, s.module()))).toList();
        if (!missing.isEmpty()) {
            throw new PlatformException("not built: " + missing.stream()
                    .map(s -> s.module() + " (" + repoRoot.relativize(QuarkusApp.jar(repoRoot, s.module())) + ")")
                    .collect(Collectors.joining(", "))
                    + "; build them from the repository root with: " + BUILD_COMMAND
                    + " (or start with --no-services)");
        }
    }

    /** Starts a service; {@code env} carries its secrets, which never appear on its command line. */
    ManagedProcess start(Service service, int port, String bootstrapServers, Map<String, String> env) {
        return QuarkusApp.start(repoRoot, service.module(), port, List.of("-Xmx256m"),
                Map.of("kafka.bootstrap.servers", bootstrapServers), env, dataDir.log(service.module()));
    }
}
