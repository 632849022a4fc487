package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Elasticsearch 8.19 (Maven Central's integ-test distribution, unpacked by the build into target/) with
 * security on, file-realm users and the project's roles.yml, started once per test JVM and stopped when it exits.
 * <p>
 * Test classes loaded by Quarkus's class loader and by the plain one share the node through system properties.
 * Elasticsearch refuses to run as root: as root, the node runs as {@code elasticsearch.test.user} via runuser.
 */
final class ElasticsearchNode {

    static final String ADMIN = "em-admin";
    static final String WRITER = "em-writer";
    static final String READER = "em-reader";
    static final String SETUP = "em-setup";

    private static final String URL_PROPERTY = "eventmonitoring.test.elasticsearch.url";
    private static final String PASSWORD_PROPERTY = "eventmonitoring.test.elasticsearch.password";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static ElasticsearchNode shared;

    private final String url;
    private final String password;

    private ElasticsearchNode(String url, String password) {
        this.url = url;
        this.password = password;
    }

    /** The running node, started (and given the project's templates) on first use in this JVM. */
    static synchronized ElasticsearchNode shared() {
        if (shared == null) {
            String url = System.getProperty(URL_PROPERTY);
            shared = url != null ? new ElasticsearchNode(url, System.getProperty(PASSWORD_PROPERTY)) : start();
        }
        return shared;
    }

    String url() {
        return url;
    }

    /** Every test user has the same random password, so the scripts under test can be given it. */
    String password() {
        return password;
    }

    private static ElasticsearchNode start() {
        try {
            long started = System.nanoTime();
            Path dist = Path.of(System.getProperty("elasticsearch.home"));
            if (!Files.isDirectory(dist.resolve("bin"))) {
                throw new IllegalStateException("no Elasticsearch distribution at " + dist
                        + ": the build unpacks it in process-test-resources (run through Maven)");
            }
            Path home = Files.createTempDirectory("eventmonitoring-es-");
            copyTree(dist, home);
            String password = UUID.randomUUID().toString();
            int httpPort = freePort();
            Files.writeString(home.resolve("config/elasticsearch.yml"), String.join("\n",
                    "cluster.name: eventmonitoring-test",
                    "node.name: test-node",
                    "discovery.type: single-node",
                    "network.host: 127.0.0.1",
                    "http.port: " + httpPort,
                    "transport.port: " + freePort(),
                    "path.data: " + home.resolve("data"),
                    "path.logs: " + home.resolve("logs"),
                    "xpack.security.enabled: true",
                    "xpack.security.http.ssl.enabled: false",
                    "xpack.security.transport.ssl.enabled: false",
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    "action.destructive_requires_name: false",
                    ""));
            Files.writeString(home.resolve("config/jvm.options.d/test.options"), "-Xms512m\n-Xmx512m\n");
            Files.copy(ElasticAssets.file("elasticsearch/roles.yml"), home.resolve("config/roles.yml"),
                    StandardCopyOption.REPLACE_EXISTING);
            addUser(home, ADMIN, password, "superuser");
            addUser(home, WRITER, password, "eventmonitoring_writer");
            addUser(home, READER, password, "eventmonitoring_reader");
            addUser(home, SETUP, password, "eventmonitoring_setup");

            Process process = launch(home);
            String url = "http://127.0.0.1:" + httpPort;
            ElasticsearchNode node = new ElasticsearchNode(url, password);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> node.stop(process, home), "elasticsearch-stop"));
            node.awaitHealthy(process, home);
            System.out.printf("Elasticsearch %s up at %s in %d s%n", System.getProperty("elasticsearch.version"),
                    url, Duration.ofNanos(System.nanoTime() - started).toSeconds());
            ElasticAssets.install(url, ADMIN, password);
            System.setProperty(URL_PROPERTY, url);
            System.setProperty(PASSWORD_PROPERTY, password);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test Elasticsearch", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asTestUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", System.getProperty("elasticsearch.test.user"),
                "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void addUser(Path home, String user, String password, String role) throws IOException {
        run(home, List.of("bin/elasticsearch-users", "useradd", user, "-p", password, "-r", role));
    }

    private static Process launch(Path home) throws IOException {
        if (isRoot()) {
            String user = System.getProperty("elasticsearch.test.user");
            run(home, List.of("chown", "-R", user + ":", home.toString()));
        }
        List<String> command = asTestUser(List.of("bin/elasticsearch", "-p", home.resolve("es.pid").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        environment(builder, home);
        return builder.start();
    }

    private static void environment(ProcessBuilder builder, Path home) {
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getenv().getOrDefault("ES_JAVA_HOME", System.getProperty("java.home")));
        env.put("ES_TMPDIR", home.resolve("tmp").toString());
        env.remove("ES_JAVA_OPTS");
        env.remove("JAVA_TOOL_OPTIONS");
    }

    private static void run(Path home, List<String> command) throws IOException {
        Files.createDirectories(home.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        environment(builder, home);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " " + command.get(1) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitHealthy(Process process, Path home) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with " + process.exitValue() + ":\n"
                        + tail(home));
            }
            try {
                if (request(ADMIN, "GET", "/_cluster/health?wait_for_status=yellow&timeout=2s", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // Not listening yet; the next round asks again.
            }
            try {
                process.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("Elasticsearch not healthy within " + START_TIMEOUT + ":\n" + tail(home));
    }

    private static String tail(Path home) throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("console.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    // No lambdas here: this runs at JVM exit, possibly after the class loader that loaded this class was closed.
    private void stop(Process process, Path home) {
        try {
            Path pidFile = home.resolve("es.pid");
            if (Files.exists(pidFile)) {
                Optional<ProcessHandle> node = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
                if (node.isPresent()) {
                    node.get().destroy();
                    node.get().onExit().join();
                }
            }
            process.destroy();
            process.waitFor();
            deleteTree(home.toFile());
        } catch (IOException | InterruptedException e) {
            System.err.println("test Elasticsearch did not stop cleanly: " + e);
        }
    }

    private static void deleteTree(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        file.delete();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** An HTTP answer: status and parsed JSON body (null when the body is not JSON). */
    record Response(int status, JsonNode body, String text) {
    }

    /** A request as {@code user} (null: anonymous); {@code json} is the body or null. */
    Response request(String user, String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
        }
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A request as the superuser that must succeed. */
    JsonNode admin(String method, String path, String json) {
        Response response = request(ADMIN, method, path, json);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": "
                    + response.text());
        }
        return response.body();
    }
}
