package io.eventmonitoring.command.publish;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The group commit's answers against Kafka's own mock producer, with commits held or failed on purpose. */
class GroupCommitTest {

    /** A mock whose commits can be held at a gate and fail on cue. */
    static final class GatedProducer extends MockProducer<String, String> {
        final CountDownLatch gate = new CountDownLatch(1);
        volatile boolean holdCommits;
        final List<RuntimeException> commitFailures = new ArrayList<>();
        final AtomicInteger commitAttempts = new AtomicInteger();

        GatedProducer() {
            super(true, null, new StringSerializer(), new StringSerializer());
        }

        @Override
        public void commitTransaction() {
            commitAttempts.incrementAndGet();
            if (holdCommits) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (commitFailures) {
                if (!commitFailures.isEmpty()) {
                    throw commitFailures.remove(0);
                }
            }
            super.commitTransaction();
        }
    }

    private final List<GatedProducer> producers = new ArrayList<>();
    private GroupCommit commit;

    private GroupCommit start(Duration ackTimeout, int maxQueued, GatedProducer... sequence) {
        return start(ackTimeout, maxQueued, 1, sequence);
    }

    private GroupCommit start(Duration ackTimeout, int maxQueued, int lanes, GatedProducer... sequence) {
        AtomicInteger next = new AtomicInteger();
        producers.addAll(List.of(sequence));
        commit = new GroupCommit("test", lane -> {
            int i = next.getAndIncrement();
            return (Producer<String, String>) (i < sequence.length ? sequence[i] : fresh());
        }, new GroupCommit.Settings(ackTimeout, Duration.ofSeconds(1), 100, maxQueued, lanes));
        return commit;
    }

    private GatedProducer fresh() {
        GatedProducer producer = new GatedProducer();
        producers.add(producer);
        return producer;
    }

    @AfterEach
    void stop() {
        producers.forEach(p -> p.gate.countDown());
        if (commit != null) {
            commit.close();
        }
    }

    private static List<ProducerRecord<String, String>> records(String id) {
        return List.of(new ProducerRecord<>("business-events", 0, "order:" + id, id));
    }

    @Test
    void commandsThatArriveDuringACommitShareTheNextTransaction() throws Exception {
        GatedProducer producer = new GatedProducer();
        producer.holdCommits = true;
        start(Duration.ofSeconds(5), 1000, producer);
        PendingCommand first = commit.submit(records("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.commitAttempts.get() == 1);
        List<PendingCommand> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(commit.submit(records("next-" + i)));
        }
        producer.holdCommits = false;
        producer.gate.countDown();

        first.answer.get(5, TimeUnit.SECONDS);
        for (PendingCommand command : waiting) {
            command.answer.get(5, TimeUnit.SECONDS);
            assertThat(command.settled.get()).isTrue();
        }
        assertThat(producer.commitCount()).isEqualTo(2);
        assertThat(producer.history()).hasSize(11);
    }

    @Test
    void whileOneProducersCommitIsHeldAnotherCommits() throws Exception {
        GatedProducer held = new GatedProducer();
        held.holdCommits = true;
        GatedProducer free = new GatedProducer();
        start(Duration.ofSeconds(5), 1000, 2, held, free);
        PendingCommand stuck = await().atMost(Duration.ofSeconds(5)).until(() -> commit.submit(records("stuck")),
                command -> {
                    await().atMost(Duration.ofSeconds(2)).until(() -> command.answer.isDone() || held.commitAttempts.get() > 0);
                    return !command.answer.isDone();
                });

        PendingCommand passing = commit.submit(records("passing"));

        passing.answer.get(5, TimeUnit.SECONDS);
        assertThat(stuck.answer).isNotDone();
        assertThat(free.history()).extracting(ProducerRecord::value).contains("passing");
    }

    @Test
    void aRecordKafkaDidNotTakeAbortsItsTransactionAndIsRefused() {
        GatedProducer producer = new GatedProducer();
        producer.sendException = new TimeoutException("expired before the in-sync replicas had it");
        start(Duration.ofSeconds(5), 1000, producer);

        PendingCommand command = commit.submit(records("lost"));

        assertThatThrownBy(() -> command.answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(EventNotAcceptedException.class);
        assertThat(command.settled).succeedsWithin(Duration.ofSeconds(1)).isEqualTo(false);
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.commitCount()).isZero();
    }

    @Test
    void aCommitThatTimesOutIsRetriedNotAborted() throws Exception {
        GatedProducer producer = new GatedProducer();
        producer.commitFailures.add(new TimeoutException("coordinator moving"));
        start(Duration.ofSeconds(5), 1000, producer);

        PendingCommand command = commit.submit(records("retried"));

        command.answer.get(5, TimeUnit.SECONDS);
        assertThat(producer.commitAttempts.get()).isEqualTo(2);
        assertThat(producer.transactionAborted()).isFalse();
        assertThat(producer.commitCount()).isEqualTo(1);
    }

    @Test
    void aCommitWithoutAnOutcomeIsAnsweredUnknownAndTheProducerIsReplaced() throws Exception {
        GatedProducer broken = new GatedProducer();
        broken.commitFailures.add(new ProducerFencedException("another producer with this id"));
        GatedProducer replacement = new GatedProducer();
        start(Duration.ofSeconds(5), 1000, broken, replacement);

        PendingCommand unknown = commit.submit(records("unknown"));
        assertThatThrownBy(() -> unknown.answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EventOutcomeUnknownException.class);
        assertThat(broken.closed()).isTrue();

        PendingCommand next = commit.submit(records("next"));
        next.answer.get(5, TimeUnit.SECONDS);
        assertThat(replacement.transactionInitialized()).isTrue();
        assertThat(replacement.history()).extracting(ProducerRecord::value).containsExactly("next");
    }

    @Test
    void aCommandThatWaitsPastItsDeadlineIsRefusedAndNeverSent() throws Exception {
        GatedProducer producer = new GatedProducer();
        producer.holdCommits = true;
        start(Duration.ofMillis(500), 1000, producer);
        PendingCommand held = commit.submit(records("held"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.commitAttempts.get() == 1);
        PendingCommand late = commit.submit(records("late"));

        assertThatThrownBy(() -> late.answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EventNotAcceptedException.class);
        // The held transaction's command passed its deadline in the commit: its outcome is not known yet.
        assertThatThrownBy(() -> held.answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EventOutcomeUnknownException.class);
        producer.holdCommits = false;
        producer.gate.countDown();

        assertThat(held.settled).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
        assertThat(late.settled).succeedsWithin(Duration.ofSeconds(1)).isEqualTo(false);
        await().atMost(Duration.ofSeconds(2)).until(() -> commit.submit(records("after")).answer.isDone());
        assertThat(producer.history()).extracting(ProducerRecord::value).doesNotContain("late");
    }

    @Test
    void moreCommandsThanMayWaitAreRefusedAtOnce() {
        GatedProducer producer = new GatedProducer();
        producer.holdCommits = true;
        start(Duration.ofSeconds(5), 2, producer);
        commit.submit(records("in-commit"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.commitAttempts.get() == 1);
        commit.submit(records("queued-1"));
        commit.submit(records("queued-2"));

        PendingCommand refused = commit.submit(records("one-too-many"));

        assertThat(refused.answer).isCompletedExceptionally();
        assertThatThrownBy(refused.answer::join).hasCauseInstanceOf(EventNotAcceptedException.class);
    }

    @Test
    void aProducerThatCannotStartIsRetried() throws Exception {
        GatedProducer unreachable = new GatedProducer();
        unreachable.initTransactionException = new KafkaException("no coordinator");
        GatedProducer working = new GatedProducer();
        start(Duration.ofSeconds(5), 1000, unreachable, working);

        commit.submit(records("eventually")).answer.get(5, TimeUnit.SECONDS);

        assertThat(working.history()).hasSize(1);
    }
}
