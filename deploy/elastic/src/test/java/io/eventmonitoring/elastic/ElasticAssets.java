package io.eventmonitoring.elastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The module's deployable files (templates, roles, pipeline, saved objects, install.sh) and running install.sh. */
final class ElasticAssets {

    private ElasticAssets() {
    }

    /** A file of deploy/elastic, by its path relative to the module. */
    static Path file(String relative) {
        return Path.of(System.getProperty("eventmonitoring.elastic.dir", ".")).resolve(relative);
    }

    /** The output of a successful {@code install.sh} run against the test node (roles come from roles.yml there). */
    static String install(String esUrl, String user, String password) {
        return installScript(Map.of("ES_URL", esUrl, "ES_USER", user, "ES_PASSWORD", password, "ES_ROLES", "file",
                "WAIT_SECONDS", "30"));
    }

    static String installScript(Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", file("install.sh").toString()))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("install.sh exited with " + exit + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
