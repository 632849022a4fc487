package io.eventmonitoring.local;


import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code restart <process>} from another terminal: asks the running launcher, through the control socket its
 * state file names, to restart one of its processes, and prints the launcher's answer as it comes.
 */
public final class RestartCommand {

    /** Exit code when no launcher runs from the data folder, as {@code status} has it. */
    public static final int NOT_RUNNING = 3;

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
            return ControlClient.send(socket.get(), "restart " + process, out) ? 0 : 1;
        } catch (IOException e) {
            throw new PlatformException("cannot reach the launcher (pid " + state.get().launcherPid() + ") at "
                    + socket.get() + ": " + e.getMessage(), e);
        }
    }
}
