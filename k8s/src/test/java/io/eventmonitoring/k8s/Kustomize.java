package io.eventmonitoring.k8s;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a kustomization with the same tool users deploy with ({@code kubectl kustomize}, i.e. {@code apply -k}).
 * The binary is {@code $KUBECTL} or {@code kubectl} on the PATH; its embedded kustomize must be v5 or newer, as older
 * ones (e.g. Debian's kubernetes-client 1.20 with kustomize v2) lack the features the manifests use.
 */
final class Kustomize {

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("kustomizeVersion\"\\s*:\\s*\"v(\\d+)\\.");
    private static final long TIMEOUT_SECONDS = 120;

    private static Kustomize instance;

    private final Path kubectl;
    private final String unavailableReason;

    private Kustomize(Path kubectl, String unavailableReason) {
        this.kubectl = kubectl;
        this.unavailableReason = unavailableReason;
    }

    static synchronized Kustomize get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    /** Why rendering cannot run here, or empty when it can. */
    Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    String render(Path kustomization) {
        if (unavailableReason != null) {
            throw new IllegalStateException(unavailableReason);
        }
        Processes.Result result = Processes.run(
                List.of(kubectl.toString(), "kustomize", kustomization.toString()), TIMEOUT_SECONDS);
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed (" + result.exitCode() + "):\n"
                    + result.stderr());
        }
        return result.stdout();
    }

    private static Kustomize locate() {
        String configured = System.getenv("KUBECTL");
        Optional<Path> binary = configured != null && !configured.isBlank()
                ? Optional.of(Path.of(configured))
                : onPath("kubectl");
        if (binary.isEmpty() || !Files.isExecutable(binary.get())) {
            return new Kustomize(null, "kubectl is not installed (set KUBECTL or put kubectl >= 1.27 on the PATH)");
        }
        Processes.Result version = Processes.run(
                List.of(binary.get().toString(), "version", "--client", "-o", "json"), TIMEOUT_SECONDS);
        Matcher matcher = KUSTOMIZE_VERSION.matcher(version.stdout());
        if (version.exitCode() != 0 || !matcher.find()) {
            return new Kustomize(null, binary.get() + " reports no kustomize version: " + version.stderr().strip());
        }
        if (Integer.parseInt(matcher.group(1)) < 5) {
            return new Kustomize(null, binary.get() + " embeds kustomize v" + matcher.group(1) + ", v5 or newer is needed");
        }
        return new Kustomize(binary.get(), null);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir).resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
