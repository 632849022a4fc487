package io.eventmonitoring.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The running launcher's control channel: a Unix-domain socket that {@code restart} in another terminal
 * connects to. A socket file rather than a TCP port because it needs no free port (other platforms and tests
 * share the machine), only its owner can connect (the file's permissions), and its place follows from the data
 * folder both terminals already name. One request per connection, handled one at a time, so two restarts never
 * overlap.
 */
public final class ControlServer implements AutoCloseable {

    /** Answers a request, printing progress to {@code reply}; an exception is a failed request. */
    @FunctionalInterface
    public interface Handler {
        void handle(String request, PrintStream reply);
    }

    /** Linux allows 108 bytes for a socket path (with the terminating zero), macOS 104. */
    static final int MAX_PATH_BYTES = 100;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Handler handler;
    private final Thread thread;

    private ControlServer(Path path, ServerSocketChannel channel, Handler handler) {
        this.path = path;
        this.channel = channel;
        this.handler = handler;
        this.thread = new Thread(this::serve, "local-platform-control");
        this.thread.setDaemon(true);
    }

    /**
     * Listens at {@code preferred}, or at a path in the system's temp folder derived from it when {@code preferred}
     * is too long for a socket. A file left there by a launcher that was killed is replaced: the caller has made
     * sure no launcher runs from this data folder.
     */
    public static ControlServer open(Path preferred, Handler handler) {
        Path path = socketPath(preferred);
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(path));
            ControlServer server = new ControlServer(path, channel, handler);
            server.thread.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the control socket " + path, e);
        }
    }

    static Path socketPath(Path preferred) {
        Path absolute = preferred.toAbsolutePath();
        byte[] bytes = absolute.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_PATH_BYTES) {
            return absolute;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Path.of(System.getProperty("java.io.tmpdir"),
                    "local-platform-" + HexFormat.of().formatHex(digest, 0, 8) + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public Path path() {
        return path;
    }

    private void serve() {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                answer(client);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // The client went away mid-answer (Ctrl-C in its terminal): serve the next one.
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        PrintStream reply = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
        String request = in.readLine();
        if (request == null) {
            return;
        }
        try {
            handler.handle(request.trim(), reply);
            reply.println(RestartCommand.OK);
        } catch (RuntimeException e) {
            reply.println(e.getMessage() == null ? e.toString() : e.getMessage());
            reply.println(RestartCommand.FAILED);
        }
        if (reply.checkError()) {
            throw new IOException("the client closed the connection");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the control socket " + path, e);
        }
    }
}
