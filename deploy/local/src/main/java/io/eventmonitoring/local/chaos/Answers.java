package io.eventmonitoring.local.chaos;

import java.util.List;

/** How a set of commands was answered: 202, 503, not at all, anything else. */
public record Answers(int accepted, int unavailable, int unanswered, int other) {

    public static Answers of(List<Answer> answers) {
        int accepted = 0;
        int unavailable = 0;
        int unanswered = 0;
        for (Answer answer : answers) {
            switch (answer.status()) {
                case 202 -> accepted++;
                case 503 -> unavailable++;
                case Answer.NO_ANSWER -> unanswered++;
                default -> {
                }
            }
        }
        return new Answers(accepted, unavailable, unanswered, answers.size() - accepted - unavailable - unanswered);
    }

    public String format() {
        return String.format("202: %d   503: %d   no answer: %d   other: %d", accepted, unavailable, unanswered, other);
    }
}
