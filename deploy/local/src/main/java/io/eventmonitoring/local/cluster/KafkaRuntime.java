package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.ProcessException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where Kafka's jars are and how its JVMs log. */
public final class KafkaRuntime {

    public static final String LOG_FILE_PROPERTY = "localplatform.log";

    private KafkaRuntime() {
    }

    /**
     * {@code target/kafka} of this module, filled by maven-dependency-plugin: beside the launcher's jar when run
     * by deploy/local/platform, beside {@code target/classes} in the module's tests.
     */
    public static Path libDir() {
        Path lib;
        try {
            Path code = Path.of(KafkaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            lib = code.getParent().resolve("kafka");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher's own code", e);
        }
        if (!Files.isRegularFile(lib.resolve("kafka_2.13-" + kafkaVersion() + ".jar"))) {
            throw new ProcessException("Kafka's jars are missing from " + lib
                    + "; build them with: ./mvnw -q -DskipTests install -pl deploy/local -am");
        }
        return lib;
    }

    /**
     * Every jar of {@code libDir}, sorted: the same classpath from run to run, which class data sharing requires
     * (a {@code lib/*} wildcard expands in directory order).
     */
    public static String classpath(Path libDir) {
        try (Stream<Path> jars = Files.list(libDir)) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith(".jar"))
                    .map(Path::toString)
                    .sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + libDir, e);
        }
    }

    public static String kafkaVersion() {
        return org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }

    /** Writes the Log4j 2 configuration shared by every Kafka JVM and returns its path. */
    public static Path writeLogConfig(Path configDir) {
        Path file = configDir.resolve("log4j2.properties");
        try (InputStream in = KafkaRuntime.class.getResourceAsStream("log4j2.properties")) {
            Files.createDirectories(configDir);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
