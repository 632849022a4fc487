package io.eventmonitoring.local.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * Application class data sharing for the Kafka JVMs. The first start of a build lets one node write the classes
 * it loaded into an archive when it stops; later starts map that archive instead of loading and verifying the
 * same classes again, so six JVMs on a small machine get ready on much less CPU (figures in
 * docs/local-platform.md). The archive lives beside target/lib and is named after the JDK and the jars, so a
 * rebuild or another JDK makes a new one rather than a mismatch.
 */
public final class ClassDataSharing {

    /** Exit codes of a JVM that ran its shutdown hooks, and so finished writing the archive. */
    private static final List<Integer> CLEAN_EXITS = List.of(0, 130, 143);
    private static final String QUIET = "-Xlog:cds*=off";

    private final Path archive;
    private final Path partial;

    public ClassDataSharing(Path libDir, String classpath) {
        Path dir = libDir.resolveSibling("cds");
        this.archive = dir.resolve("kafka-" + key(classpath) + ".jsa");
        this.partial = dir.resolve(archive.getFileName() + ".partial");
    }

    public Path archive() {
        return archive;
    }

    public boolean ready() {
        return Files.isRegularFile(archive);
    }

    /** Options of a JVM that uses the archive. */
    public List<String> useOptions() {
        return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
    }

    /** Options of the one JVM that writes the archive when it exits. */
    public List<String> dumpOptions() {
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + archive.getParent(), e);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + partial, QUIET);
    }

    /**
     * Called when the writing JVM has ended: keeps the archive if the JVM ended cleanly (a killed one may have
     * left half a file) and removes archives of earlier builds.
     */
    public void dumperExited(OptionalInt exitCode) {
        try {
            if (exitCode.isPresent() && CLEAN_EXITS.contains(exitCode.getAsInt()) && Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                try (DirectoryStream<Path> old = Files.newDirectoryStream(archive.getParent(), "kafka-*.jsa")) {
                    for (Path other : old) {
                        if (!other.equals(archive)) {
                            Files.deleteIfExists(other);
                        }
                    }
                }
            } else {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            // Only a lost speed-up: the next start writes the archive again.
            System.err.println("[platform] could not keep the class data archive: " + e.getMessage());
        }
    }

    /** The JDK build and the classpath (names, sizes and times of the jars) decide whether an archive fits. */
    private static String key(String classpath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            for (String jar : classpath.split(File.pathSeparator)) {
                Path path = Path.of(jar);
                digest.update((jar + Files.size(path) + Files.getLastModifiedTime(path).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka jars", e);
        }
    }
}
