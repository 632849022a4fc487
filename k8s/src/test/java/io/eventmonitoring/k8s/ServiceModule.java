package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service module's own files say about it: its {@code application.properties} (as the prod and kubernetes
 * profiles see it), its Kafka channels, the topic constants its code and its project dependencies use.
 */
record ServiceModule(String module, Path dir, Properties properties) {

    static final List<String> NAMES = List.of("domain-user", "domain-order", "bridge");

    private static final Pattern CHANNEL_CONNECTOR =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]+)\"");
    private static final Pattern TOPIC_USE = Pattern.compile("\\bTopics\\.(\\w+)");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern EXPRESSION_DEFAULT = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");
    private static final List<String> ACTIVE_PROFILES = List.of("kubernetes", "prod");

    record Channel(String name, boolean incoming, String topic, Optional<String> groupId) {
    }

    /** All services; skips the calling test, printing why, while one of them has no application.properties yet. */
    static List<ServiceModule> all() {
        List<ServiceModule> services = NAMES.stream().flatMap(name -> load(name).stream()).toList();
        if (services.size() < NAMES.size()) {
            String reason = "not all of " + NAMES + " have an application.properties yet";
            System.out.println("SKIPPED cross-check with the services: " + reason);
            Assumptions.abort(reason);
        }
        return services;
    }

    static Optional<ServiceModule> load(String module) {
        Path dir = Repo.ROOT.resolve(module);
        Path file = dir.resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new ServiceModule(module, dir, properties));
    }

    /** The value in the prod,kubernetes profiles (the later profile wins, as in Quarkus), else the plain one. */
    Optional<String> property(String key) {
        for (String profile : ACTIVE_PROFILES) {
            String value = properties.getProperty("%" + profile + "." + key);
            if (value != null) {
                return Optional.of(resolveDefaults(value));
            }
        }
        return Optional.ofNullable(properties.getProperty(key)).map(ServiceModule::resolveDefaults);
    }

    /** Keys without profile prefix, including those only set for the active profiles. */
    Set<String> propertyNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                names.add(key);
            } else {
                int dot = key.indexOf('.');
                if (ACTIVE_PROFILES.contains(key.substring(1, dot))) {
                    names.add(key.substring(dot + 1));
                }
            }
        }
        return names;
    }

    String rawProperties() {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    String applicationName() {
        return property("quarkus.application.name").orElse(module);
    }

    int httpPort() {
        return Integer.parseInt(property("quarkus.http.port").orElse("8080"));
    }

    /** The SmallRye Kafka channels; a channel's topic defaults to its name, its group to the application name. */
    List<Channel> kafkaChannels() {
        List<Channel> channels = new ArrayList<>();
        for (String key : propertyNames()) {
            Matcher matcher = CHANNEL_CONNECTOR.matcher(key);
            if (matcher.matches() && "smallrye-kafka".equals(property(key).orElse(""))) {
                boolean incoming = matcher.group(1).equals("incoming");
                String prefix = "mp.messaging." + matcher.group(1) + "." + matcher.group(2) + ".";
                channels.add(new Channel(matcher.group(2), incoming,
                        property(prefix + "topic").orElse(matcher.group(2)),
                        incoming ? Optional.of(property(prefix + "group.id").orElse(applicationName())) : Optional.empty()));
            }
        }
        return channels;
    }

    /** Topic names behind the {@code Topics} constants used in this module's and its project dependencies' code. */
    Set<String> topicsUsedInCode() {
        Map<String, String> constants = topicConstants();
        Set<String> topics = new LinkedHashSet<>();
        for (Path moduleDir : withProjectDependencies()) {
            for (Path source : javaSources(moduleDir.resolve("src/main/java"))) {
                Matcher matcher = TOPIC_USE.matcher(read(source));
                while (matcher.find()) {
                    String topic = constants.get(matcher.group(1));
                    if (topic == null) {
                        throw new AssertionError(source + " uses Topics." + matcher.group(1) + ", unknown to Topics.java");
                    }
                    topics.add(topic);
                }
            }
        }
        return topics;
    }

    /** Whether the module ships its logs to Kafka: it depends (maybe indirectly) on log-shipping, not switched off. */
    boolean shipsLogs() {
        return withProjectDependencies().stream().anyMatch(d -> d.getFileName().toString().equals("log-shipping"))
                && !"false".equals(property("eventmonitoring.log-shipping.enabled").orElse("true"));
    }

    String logTopic() {
        return property("eventmonitoring.log-shipping.topic").orElse(topicConstants().get("SERVICE_LOGS"));
    }

    /** The contract's topic names, from the events module's {@code Topics} class. */
    static Map<String, String> topicConstants() {
        Path file = Repo.ROOT.resolve("events/src/main/java/io/eventmonitoring/events/Topics.java");
        Map<String, String> constants = new TreeMap<>();
        Matcher matcher = TOPIC_CONSTANT.matcher(read(file));
        while (matcher.find()) {
            constants.put(matcher.group(1), matcher.group(2));
        }
        return constants;
    }

    /** This module and the io.eventmonitoring modules it depends on outside test scope, transitively. */
    List<Path> withProjectDependencies() {
        Set<String> seen = new LinkedHashSet<>();
        collect(module, seen);
        return seen.stream().map(Repo.ROOT::resolve).toList();
    }

    private static void collect(String module, Set<String> seen) {
        if (!seen.add(module)) {
            return;
        }
        Matcher matcher = DEPENDENCY.matcher(read(Repo.ROOT.resolve(module).resolve("pom.xml")));
        while (matcher.find()) {
            String dependency = matcher.group(1);
            if (dependency.contains("<groupId>io.eventmonitoring</groupId>") && !dependency.contains("<scope>test</scope>")) {
                Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(dependency);
                if (artifact.find() && Files.isDirectory(Repo.ROOT.resolve(artifact.group(1)))) {
                    collect(artifact.group(1), seen);
                }
            }
        }
    }

    private static String resolveDefaults(String value) {
        return EXPRESSION_DEFAULT.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    static List<Path> javaSources(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
