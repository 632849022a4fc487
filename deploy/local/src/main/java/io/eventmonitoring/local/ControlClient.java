package io.eventmonitoring.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Sends one request to a running launcher's {@link ControlServer} and prints its answer as it comes. */
public final class ControlClient {

    /** The last line of an answer: every line before it is for the person who asked. */
    static final String OK = "-- ok";
    static final String FAILED = "-- failed";

    private ControlClient() {
    }

    /** Returns whether the launcher carried the request out; throws if no launcher listens at {@code socket}. */
    public static boolean send(Path socket, String request, PrintStream out) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            PrintStream requests = new PrintStream(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
            requests.println(request);
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
}
