package io.eventmonitoring.bridge.config;

import java.util.List;

/** The bridge's configuration cannot work; every problem names its key. Stops startup. */
public class InvalidBridgeConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidBridgeConfigException(List<String> problems) {
        super("invalid bridge configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
