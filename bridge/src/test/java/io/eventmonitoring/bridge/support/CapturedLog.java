package io.eventmonitoring.bridge.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line of the running bridge, formatted, with its exception: for tests about what the log says and never says. */
public final class CapturedLog extends Handler {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    public void install() {
        Logger.getLogger("").addHandler(this);
    }

    public void remove() {
        Logger.getLogger("").removeHandler(this);
    }

    public Queue<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
