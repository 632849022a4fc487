package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.ProcessException;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The cluster id every node is formatted with, and the layout the data was made for; kept in the data folder. */
public record ClusterIdentity(String clusterId, Layout layout) {

    private static final String CLUSTER_ID = "cluster.id";
    private static final String LAYOUT = "layout";

    /** {@code cluster.properties} in the data folder. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("cluster.properties");
    }

    public static Optional<ClusterIdentity> load(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String id = props.getProperty(CLUSTER_ID);
        String layout = props.getProperty(LAYOUT);
        if (id == null || layout == null) {
            throw new ProcessException(file + " lacks " + (id == null ? CLUSTER_ID : LAYOUT)
                    + "; delete " + dataDir + " to start with a new cluster");
        }
        return Optional.of(new ClusterIdentity(id, Layout.parse(layout, LAYOUT + " in " + file)));
    }

    /** The identity of the data folder, created on first use; the folder's layout must match the requested one. */
    public static ClusterIdentity loadOrCreate(Path dataDir, Layout requested) {
        Optional<ClusterIdentity> existing = load(dataDir);
        if (existing.isPresent()) {
            if (existing.get().layout() != requested) {
                throw new ProcessException(dataDir + " holds a cluster of the " + existing.get().layout().label()
                        + " layout; start with --layout " + existing.get().layout().label()
                        + ", choose another --data-dir, or delete the folder to start afresh");
            }
            return existing.get();
        }
        if (Files.isDirectory(dataDir.resolve("kafka"))) {
            throw new ProcessException(dataDir.resolve("kafka") + " holds Kafka data but "
                    + file(dataDir).getFileName() + " is missing; delete " + dataDir + " to start afresh");
        }
        ClusterIdentity created = new ClusterIdentity(Uuid.randomUuid().toString(), requested);
        Properties props = new Properties();
        props.setProperty(CLUSTER_ID, created.clusterId());
        props.setProperty(LAYOUT, requested.label());
        try (Writer writer = Files.newBufferedWriter(file(dataDir), StandardCharsets.UTF_8)) {
            props.store(writer, "Written once by the local platform when it formatted the cluster's storage");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(dataDir), e);
        }
        return created;
    }
}
