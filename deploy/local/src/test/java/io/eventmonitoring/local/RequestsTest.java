package io.eventmonitoring.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request files between {@code restart} in one terminal and the launcher in another, each played by a thread. */
class RequestsTest {

    @TempDir
    Path dir;

    private final List<String> served = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void theSenderPrintsTheAnswerAndLearnsTheRequestWasCarriedOut() throws Exception {
        boolean done = sendWhileServing("bridge  ", (request, reply) -> {
            served.add(request);
            reply.println("stopping bridge");
            reply.println("restarted bridge");
        });

        assertThat(done).isTrue();
        assertThat(served).containsExactly("bridge");
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("stopping bridge\nrestarted bridge\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFailedRequestPrintsItsWholeReason() throws Exception {
        boolean done = sendWhileServing("broker-9", (request, reply) -> {
            throw new IllegalArgumentException("no process named 'broker-9'\nknown: broker-4");
        });

        assertThat(done).isFalse();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("no process named 'broker-9'\nknown: broker-4\n");
    }

    @Test
    void aRequestLeftForALauncherNowGoneIsDroppedNotCarriedOut() throws IOException {
        Files.writeString(dir.resolve("1-left.request"), "bridge");

        Requests.serve(dir, Instant.now().plusSeconds(1), (request, reply) -> served.add(request));

        assertThat(served).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theSenderGivesUpWhenTheLauncherEndsWithoutAnswering() {
        assertThatThrownBy(() -> Requests.send(dir, "bridge", out, () -> false))
                .isInstanceOf(IOException.class).hasMessage("the launcher ended before answering");
        assertThat(dir).isEmptyDirectory();
    }

    private boolean sendWhileServing(String request, BiConsumer<String, PrintStream> handler) throws Exception {
        CompletableFuture<Boolean> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return Requests.send(dir, request, out, () -> true);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!sent.isDone()) {
            Requests.serve(dir, Instant.EPOCH, handler);
        }
        return sent.get();
    }
}
