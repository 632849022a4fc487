package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.OrderedStop;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code stop} from another terminal: SIGTERM to the launcher, which stops its children in order as on Ctrl-C.
 * If the launcher is gone (killed), the processes it left are stopped here, in the same order.
 */
public final class StopCommand {

    private static final Duration LAUNCHER_TIMEOUT = Duration.ofMinutes(4);

    private StopCommand() {
    }

    public static int run(DataDir dataDir, PrintStream out) {
        Optional<PlatformState> state = PlatformState.read(dataDir);
        if (state.isEmpty()) {
            out.println("local platform: not running (no " + dataDir.stateFile().getFileName() + " in "
                    + dataDir.root() + ")");
            return 0;
        }
        Optional<ProcessHandle> launcher = state.get().launcher();
        if (launcher.isPresent()) {
            out.println("stopping the local platform (launcher pid " + launcher.get().pid()
                    + "); its terminal shows each step");
            long start = System.nanoTime();
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(LAUNCHER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new PlatformException("the launcher (pid " + launcher.get().pid() + ") did not stop within "
                        + LAUNCHER_TIMEOUT.toMinutes() + " min; kill it with kill -9 " + launcher.get().pid()
                        + " and run stop again");
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for the launcher failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            out.printf("launcher stopped in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        List<ManagedProcess> left = state.get().aliveProcesses();
        boolean clean = true;
        if (!left.isEmpty()) {
            out.println("stopping processes the launcher left behind");
            clean = new OrderedStop(Duration.ofMinutes(1), out).stop(left);
        }
        PlatformState.delete(dataDir);
        out.println("local platform: stopped");
        return clean ? 0 : 1;
    }
}
