package io.eventmonitoring.local;

import io.eventmonitoring.process.Logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Requests to the running launcher from other terminals, as files in the data folder's {@code requests/}: a
 * {@code <id>.request} names the process to restart, the launcher restarts it and writes {@code <id>.answer}, whose
 * last line says whether it did. Files rather than a socket: nothing to bind, only the folder's owner can write there, and
 * the place follows from the data folder both terminals name.
 */
final class Requests {

    static final Duration POLL = Duration.ofMillis(250);
    private static final String OK = "-- ok";

    private Requests() {
    }

    /**
     * Carries out the waiting requests one at a time; {@code handler} prints progress to its stream and throws when a
     * request fails. A request older than {@code since} (the launcher's start) was left for a launcher now gone.
     */
    static void serve(Path dir, Instant since, BiConsumer<String, PrintStream> handler) {
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path request : files.filter(file -> file.toString().endsWith(".request")).sorted().toList()) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                PrintStream reply = new PrintStream(answer, true, StandardCharsets.UTF_8);
                if (Files.getLastModifiedTime(request).toInstant().isAfter(since)) {
                    try {
                        handler.accept(Files.readString(request).strip(), reply);
                        reply.println(OK);
                    } catch (RuntimeException e) {
                        reply.println(e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                    String id = request.getFileName().toString().replace(".request", "");
                    Files.move(Files.write(dir.resolve(id + ".answer.tmp"), answer.toByteArray()),
                            dir.resolve(id + ".answer"), StandardCopyOption.ATOMIC_MOVE);
                }
                Files.delete(request);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the requests in " + dir, e);
        }
    }

    /**
     * Leaves a request and waits for its answer while {@code launcherAlive}, printing it; returns whether the request
     * was carried out.
     */
    static boolean send(Path dir, String request, PrintStream out, BooleanSupplier launcherAlive) throws IOException {
        String id = Instant.now().toEpochMilli() + "-" + UUID.randomUUID();
        Files.createDirectories(dir);
        Files.move(Files.writeString(dir.resolve(id + ".request.tmp"), request), dir.resolve(id + ".request"),
                StandardCopyOption.ATOMIC_MOVE);
        Path answer = dir.resolve(id + ".answer");
        while (!Files.exists(answer)) {
            if (!launcherAlive.getAsBoolean()) {
                Files.deleteIfExists(dir.resolve(id + ".request"));
                throw new IOException("the launcher ended before answering");
            }
            Logs.pause(POLL, "waiting for the launcher");
        }
        List<String> lines = Files.readAllLines(answer);
        Files.delete(answer);
        boolean done = lines.get(lines.size() - 1).equals(OK);
        (done ? lines.subList(0, lines.size() - 1) : lines).forEach(out::println);
        return done;
    }
}
