package io.eventmonitoring.process;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Puts a jar at a service's fast-jar path whose manifest runs {@link FakeService} from the test classes. Apart from
 * FakeService, whose JVM has only the test classes on its classpath.
 */
public final class FakeServiceJar {

    private FakeServiceJar() {
    }

    public static void write(String module, Path repoRoot) throws IOException, URISyntaxException {
        Path jar = QuarkusApp.jar(repoRoot, module);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path testClasses = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }
}
