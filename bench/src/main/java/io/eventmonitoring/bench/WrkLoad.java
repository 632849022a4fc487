package io.eventmonitoring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The closed loop run by wrk (Debian's {@code wrk}), one thread: a C load generator spends a fraction of the CPU per
 * request that a JVM one does, and on two shared cores what the generator spends, the service and the brokers lack.
 * The commands are the Java generator's ({@code wrk-commands.lua}). wrk has no fixed-rate mode, so the open loop stays
 * with {@link HttpLoad}.
 */
final class WrkLoad {

    private static final Pattern CPU_TIME = Pattern.compile("(\\d+)m([\\d.]+)s");

    private final Path wrk;
    private final Path script;

    private WrkLoad(Path wrk, Path script) {
        this.wrk = wrk;
        this.script = script;
    }

    /** wrk from the PATH, if there is one. */
    static Optional<WrkLoad> find() throws IOException {
        Optional<Path> wrk = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "wrk"))
                .filter(Files::isExecutable)
                .findFirst();
        if (wrk.isEmpty()) {
            return Optional.empty();
        }
        Path script = Files.createTempFile("wrk-commands-", ".lua");
        script.toFile().deleteOnExit();
        try (InputStream in = WrkLoad.class.getResourceAsStream("/wrk-commands.lua")) {
            if (in == null) {
                throw new IllegalStateException("wrk-commands.lua is missing from the benchmark's classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(new WrkLoad(wrk.get(), script));
    }

    String describe() {
        return wrk + " (1 thread)";
    }

    /** {@code clients} connections, each sending its next command when the previous is answered, for {@code duration}. */
    HttpLoad.Result closedLoop(int port, String path, int clients, Duration duration) throws Exception {
        // bash's `times` gives the CPU wrk used once it has exited; its own counters do not include it.
        List<String> command = List.of("bash", "-c", "\"$0\" \"$@\"; status=$?; times; exit $status", wrk.toString(),
                "-t1", "-c" + clients, "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(),
                "http://127.0.0.1:" + port + path);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return parse(output);
    }

    static HttpLoad.Result parse(String output) {
        List<String> lines = output.lines().toList();
        String result = lines.stream().filter(line -> line.startsWith(HttpLoad.RESULT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result line from wrk:\n" + output));
        Map<String, Long> fields = new HashMap<>();
        for (String field : result.substring(HttpLoad.RESULT.length()).split(" ")) {
            int eq = field.indexOf('=');
            fields.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
        }
        // `times` prints the shell's user and system time, then its children's: wrk's is the last line.
        Matcher cpu = CPU_TIME.matcher(lines.get(lines.size() - 1));
        Duration wrkCpu = Duration.ZERO;
        while (cpu.find()) {
            wrkCpu = wrkCpu.plusMinutes(Long.parseLong(cpu.group(1)))
                    .plusNanos((long) (Double.parseDouble(cpu.group(2)) * 1e9));
        }
        long nonAccepted = fields.get("non_2xx");
        return new HttpLoad.Result(fields.get("requests") - nonAccepted, nonAccepted, fields.get("socket_errors"),
                fields.get("duration_us") / 1e6, fields.get("p50_us") / 1e3, fields.get("p99_us") / 1e3,
                0, 0, -1, wrkCpu, 0, 0);
    }
}
