package io.eventmonitoring.local.cluster;

import io.eventmonitoring.local.DataDir;
import io.eventmonitoring.local.PlatformException;
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

    public static Optional<ClusterIdentity> load(DataDir dataDir) {
        Path file = dataDir.clusterFile();
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
            throw new PlatformException(file + " lacks " + (id == null ? CLUSTER_ID : LAYOUT)
                    + "; delete " + dataDir.root() + " to start with a new cluster");
        }
        return Optional.of(new ClusterIdentity(id, Layout.parse(layout, LAYOUT + " in " + file)));
    }

    /** The identity of the data folder, created on first use; the folder's layout must match the requested one. */
    public static ClusterIdentity loadOrCreate(DataDir dataDir, Layout requested) {
        Optional<ClusterIdentity> existing = load(dataDir);
        if (existing.isPresent()) {
            if (existing.get().layout() != requested) {
                throw new PlatformException(dataDir.root() + " holds a cluster of the " + existing.get().layout().label()
                        + " layout; start with --layout " + existing.get().layout().label()
                        + ", choose another --data-dir, or delete the folder to start afresh");
            }
            return existing.get();
        }
        if (Files.isDirectory(dataDir.root().resolve("kafka"))) {
            throw new PlatformException(dataDir.root().resolve("kafka") + " holds Kafka data but "
                    + dataDir.clusterFile().getFileName() + " is missing; delete " + dataDir.root() + " to start afresh");
        }
        ClusterIdentity created = new ClusterIdentity(Uuid.randomUuid().toString(), requested);
        Properties props = new Properties();
        props.setProperty(CLUSTER_ID, created.clusterId());
        props.setProperty(LAYOUT, requested.label());
        try (Writer writer = Files.newBufferedWriter(dataDir.clusterFile(), StandardCharsets.UTF_8)) {
            props.store(writer, "Written once by the local platform when it formatted the cluster's storage");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.clusterFile(), e);
        }
        return created;
    }
}
