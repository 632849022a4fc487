package io.eventmonitoring.local;

import io.eventmonitoring.local.cluster.Layout;

import java.nio.file.Path;

/** What {@code start} runs: where, in which layout, on which ports, with or without the services. */
public record PlatformConfig(Path repoRoot, DataDir dataDir, Layout layout, Ports ports, boolean services) {
}
