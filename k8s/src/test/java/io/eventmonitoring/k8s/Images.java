package io.eventmonitoring.k8s;

import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions the manifests are expected to run: the services' images per overlay, and the Elastic stack's. */
final class Images {

    private static final Pattern PROJECT_VERSION =
            Pattern.compile("<artifactId>event-monitoring</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern STACK_VERSION =
            Pattern.compile("<elasticsearch\\.version>([^<]+)</elasticsearch\\.version>");

    private Images() {
    }

    /** dev runs what the tree builds, tagged with the project version; prod runs a release from its registry. */
    static String expected(String overlay, String service) {
        if (overlay.equals("prod")) {
            Properties release = Repo.envFile(Repo.overlay("prod").resolve("release.env"));
            return release.getProperty("IMAGE_REGISTRY") + "/eventmonitoring/" + service + ":"
                    + release.getProperty("IMAGE_TAG");
        }
        return "eventmonitoring/" + service + ":" + projectVersion();
    }

    static String projectVersion() {
        return group(PROJECT_VERSION, Repo.ROOT.resolve("pom.xml"));
    }

    /** The version the Elastic tests run, from deploy/elastic/pom.xml. */
    static String testedStackVersion() {
        return group(STACK_VERSION, Repo.ROOT.resolve("deploy/elastic/pom.xml"));
    }

    private static String group(Pattern pattern, Path file) {
        Matcher matcher = pattern.matcher(ServiceModule.read(file));
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in " + file);
        }
        return matcher.group(1);
    }
}
