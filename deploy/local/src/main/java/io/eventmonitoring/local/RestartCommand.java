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
import java.util.Optional;

/**
 * {@code restart <process>} from another terminal: asks the running launcher, through the control socket its
 * state file names, to restart one of its processes, and prints the launcher's answer as it comes.
 */
public final class RestartCommand {

    /** Exit code when no launcher runs from the data folder, as {@code status} has it. */
    public static final int NOT_RUNNING = 3;
    /** The last line of the launcher's answer: every line before it is for the person who asked. */
    static final String OK = "-- ok";
    static final String FAILED = "-- failed";

    private RestartCommand() {
    }

    public static int run(DataDir dataDir, String process, PrintStream out) {
        Optional<PlatformState> state = PlatformState.read(dataDir);
        if (state.isEmpty() || state.get().launcher().isEmpty()) {
            out.println("local platform: not running from " + dataDir.root() + "; restart needs a running launcher"
                    + (state.isPresent() ? " (it is gone: deploy/local/platform stop, then start)" : ""));
            return NOT_RUNNING;
        }
        Optional<Path> socket = state.get().controlSocket();
        if (socket.isEmpty()) {
            out.println("local platform: still starting; restart once its terminal shows it is up");
            return 1;
        }
        try {
            return send(socket.get(), "restart " + process, out) ? 0 : 1;
        } catch (IOException e) {
            throw new PlatformException("cannot reach the launcher (pid " + state.get().launcherPid() + ") at "
                    + socket.get() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends one request to the {@link ControlServer} at {@code socket}, printing its answer as it comes; returns
     * whether the launcher carried it out, throws if no launcher listens there.
     */
    static boolean send(Path socket, String request, PrintStream out) throws IOException {
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
