package io.eventmonitoring.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code java} command line for a child JVM, run by the same Java as the launcher. */
public final class JavaCommand {

    private final List<String> options = new ArrayList<>();

    private JavaCommand(String processName) {
        // Names the process in `ps` output, so a person can tell the platform's JVMs apart.
        options.add("-Dlocalplatform.process=" + processName);
    }

    public static JavaCommand forProcess(String processName) {
        return new JavaCommand(processName);
    }

    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public JavaCommand heap(String size) {
        options.add("-Xms" + size);
        options.add("-Xmx" + size);
        return this;
    }

    public JavaCommand maxHeap(String size) {
        options.add("-Xmx" + size);
        return this;
    }

    public JavaCommand option(String option) {
        options.add(option);
        return this;
    }

    public JavaCommand systemProperty(String key, String value) {
        options.add("-D" + key + "=" + value);
        return this;
    }

    /** Runs {@code mainClass} with the given classpath. */
    public List<String> main(String classpath, String mainClass, List<String> args) {
        List<String> command = start();
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public List<String> jar(Path jar) {
        List<String> command = start();
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private List<String> start() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(options);
        return command;
    }
}
