package io.eventmonitoring.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlTest {

    @TempDir
    Path temp;

    private final List<Control> servers = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        servers.forEach(Control::close);
    }

    @Test
    void theClientPrintsTheProgressOfARequestAndLearnsItSucceeded() throws IOException {
        Control server = open(temp.resolve("control.sock"), (request, reply) -> {
            requests.add(request);
            reply.println("stopping bridge");
            reply.println("restarted bridge");
        });

        boolean done = Control.send(server.path(), "restart bridge  ", out);

        assertThat(done).isTrue();
        assertThat(requests).containsExactly("restart bridge");
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("stopping bridge\nrestarted bridge\n");
    }

    @Test
    void aFailedRequestPrintsItsReasonAndTheServerServesTheNextOne() throws IOException {
        Control server = open(temp.resolve("control.sock"), (request, reply) -> {
            if (request.endsWith("broker-9")) {
                throw new IllegalArgumentException("no process named 'broker-9'\nknown: broker-4");
            }
            reply.println("done " + request);
        });

        assertThat(Control.send(server.path(), "restart broker-9", out)).isFalse();
        assertThat(Control.send(server.path(), "restart broker-4", out)).isTrue();

        assertThat(output.toString(StandardCharsets.UTF_8))
                .isEqualTo("no process named 'broker-9'\nknown: broker-4\ndone restart broker-4\n");
    }

    @Test
    void aSocketFileLeftByAKilledLauncherIsReplacedAndRemovedOnClose() throws IOException {
        Path socket = temp.resolve("control.sock");
        Files.writeString(socket, "left behind");

        Control server = open(socket, (request, reply) -> reply.println("fresh"));

        assertThat(Control.send(socket, "hello", out)).isTrue();
        server.close();
        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> Control.send(socket, "hello", out)).isInstanceOf(IOException.class);
    }

    @Test
    void aDataFolderTooDeepForASocketPathGetsOneInTheTempFolder() throws IOException {
        Path deep = temp.resolve("a-data-folder-nested-deep-enough".repeat(4)).resolve("control.sock");

        Control server = open(deep, (request, reply) -> reply.println("reached"));

        assertThat(server.path()).isNotEqualTo(deep.toAbsolutePath())
                .isEqualTo(Control.socketPath(deep))
                .hasParent(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(server.path().toString().length()).isLessThanOrEqualTo(Control.MAX_PATH_BYTES);
        assertThat(Control.send(server.path(), "hello", out)).isTrue();
        assertThat(Control.socketPath(temp.resolve("short.sock"))).isEqualTo(temp.resolve("short.sock"));
    }

    private Control open(Path socket, BiConsumer<String, PrintStream> handler) {
        Control server = Control.open(socket, handler);
        servers.add(server);
        return server;
    }
}
