package io.eventmonitoring.local;


import java.nio.file.Path;

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

    public Path moduleDir(Path repoRoot) {
        return repoRoot.resolve(module);
    }

    public Path jar(Path repoRoot) {
        return moduleDir(repoRoot).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public int port(Ports ports) {
        return switch (this) {
            case DOMAIN_USER -> ports.user();
            case DOMAIN_ORDER -> ports.order();
            case BRIDGE -> ports.bridge();
        };
    }
}
