package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Assumptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The deployable overlays, rendered once per test run. */
final class Overlays {

    static final List<String> NAMES = List.of("dev", "prod");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    /** The rendered overlay; skips the calling test, printing why, when kubectl cannot render here. */
    static Manifests rendered(String overlay) {
        Kustomize kustomize = Kustomize.get();
        kustomize.unavailableReason().ifPresent(reason -> {
            System.out.println("SKIPPED rendering k8s/overlays/" + overlay + ": " + reason);
            Assumptions.abort(reason);
        });
        return RENDERED.computeIfAbsent(overlay, name -> Manifests.parse(kustomize.render(Repo.overlay(name))));
    }
}
