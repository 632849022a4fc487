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
import java.util.function.BiConsumer;

/**
 * The running launcher's control channel: a Unix-domain socket that {@code restart} in another terminal connects to.
 * A socket file rather than a TCP port because it needs no free port, only its owner can connect (the file's
 * permissions), and its place follows from the data folder both terminals name. One request per connection, handled
 * one at a time, so two restarts never overlap; the answer's last line says whether it was carried out.
 */
record Control(Path path, ServerSocketChannel channel) implements AutoCloseable {

    static final String OK = "-- ok";
    static final String FAILED = "-- failed";
    /** Linux allows 108 bytes for a socket path (with the terminating zero), macOS 104. */
    static final int MAX_PATH_BYTES = 100;

    /**
     * Listens at {@code preferred}, or in the system's temp folder when that path is too long for a socket. A file
     * left by a launcher that was killed is replaced: the caller made sure no launcher runs from this data folder.
     * {@code handler} answers a request, printing progress to its stream; an exception is a failed request.
     */
    static Control open(Path preferred, BiConsumer<String, PrintStream> handler) {
        Path path = socketPath(preferred);
        try {
            Files.deleteIfExists(path);
            Control control = new Control(path, ServerSocketChannel.open(StandardProtocolFamily.UNIX));
            control.channel.bind(UnixDomainSocketAddress.of(path));
            Thread thread = new Thread(() -> control.serve(handler), "local-platform-control");
            thread.setDaemon(true);
            thread.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the control socket " + path, e);
        }
    }

    static Path socketPath(Path preferred) {
        Path absolute = preferred.toAbsolutePath();
        return absolute.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES ? absolute
                : Path.of(System.getProperty("java.io.tmpdir"), "local-platform-"
                        + Integer.toHexString(absolute.toString().hashCode()) + ".sock");
    }

    private void serve(BiConsumer<String, PrintStream> handler) {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                String request = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8)).readLine();
                PrintStream reply = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
                if (request != null) {
                    try {
                        handler.accept(request.trim(), reply);
                        reply.println(OK);
                    } catch (RuntimeException e) {
                        reply.println(e.getMessage() == null ? e.toString() : e.getMessage());
                        reply.println(FAILED);
                    }
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // The client went away mid-answer (Ctrl-C in its terminal): serve the next one.
            }
        }
    }

    /** Sends one request, printing the answer as it comes; returns whether it was carried out. */
    static boolean send(Path socket, String request, PrintStream out) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            new PrintStream(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8).println(request);
            BufferedReader answer = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            for (String line = answer.readLine(); line != null; line = answer.readLine()) {
                if (OK.equals(line) || FAILED.equals(line)) {
                    return OK.equals(line);
                }
                out.println(line);
            }
            throw new IOException("the launcher closed the connection before answering");
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
