package io.eventmonitoring.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Paths inside the repository, found from the build (surefire passes the root) or from the module's directory. */
final class Repo {

    static final Path ROOT = locateRoot();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path ELASTIC = ROOT.resolve("deploy/elastic");
    static final Path SCHEMAS = K8S.resolve("schemas");

    private Repo() {
    }

    static Path overlay(String name) {
        return K8S.resolve("overlays").resolve(name);
    }

    /** A kustomize env file (KEY=value lines, # comments) as properties. */
    static Properties envFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static Path locateRoot() {
        String configured = System.getProperty("eventmonitoring.repo-root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("k8s").resolve("base"))) {
            throw new IllegalStateException("not the repository root (no k8s/base): " + root);
        }
        return root;
    }
}
