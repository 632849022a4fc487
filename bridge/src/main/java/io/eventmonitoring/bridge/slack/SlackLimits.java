package io.eventmonitoring.bridge.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * Slack rejects a payload beyond its documented limits with {@code invalid_blocks}; the bridge truncates with a
 * visible marker instead, so a message never fails for its size.
 */
public final class SlackLimits {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3_000;
    public static final int MAX_HEADER_TEXT = 150;
    public static final int MAX_TEXT = 40_000;
    public static final String MARKER = "… (truncated)";

    private SlackLimits() {
    }

    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - MARKER.length()) + MARKER;
    }

    /** The message within every limit; the last kept block says how many were left out. */
    public static SlackMessage enforce(SlackMessage message) {
        List<SlackMessage.Block> blocks = new ArrayList<>();
        for (SlackMessage.Block block : message.blocks()) {
            blocks.add(switch (block.type()) {
                case "header" -> SlackMessage.Block.header(truncate(block.text().text(), MAX_HEADER_TEXT));
                case "section" -> SlackMessage.Block.section(truncate(block.text().text(), MAX_SECTION_TEXT));
                case "context" -> new SlackMessage.Block("context", null, block.elements().stream()
                        .map(e -> new SlackMessage.Text(e.type(), truncate(e.text(), MAX_SECTION_TEXT)))
                        .toList());
                default -> block;
            });
        }
        if (blocks.size() > MAX_BLOCKS) {
            int dropped = blocks.size() - (MAX_BLOCKS - 1);
            blocks = new ArrayList<>(blocks.subList(0, MAX_BLOCKS - 1));
            blocks.add(SlackMessage.Block.context("… (truncated: " + dropped + " more blocks not shown)"));
        }
        return new SlackMessage(truncate(message.text(), MAX_TEXT), List.copyOf(blocks));
    }
}
