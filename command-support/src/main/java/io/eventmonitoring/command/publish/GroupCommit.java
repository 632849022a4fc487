package io.eventmonitoring.command.publish;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Commands share transactions: while a transaction commits, the commands that arrive wait and go together into
 * the next. Several transactional producers take turns, each owned by one thread with one open transaction at a
 * time: a producer's next transaction waits for the brokers to finish its previous one (its commit markers), and
 * meanwhile the others commit.
 *
 * <p>The rules that make every answer true:
 * <ul>
 *     <li>a command is sent only while its deadline has not passed; one that waits past it is answered 503 and
 *     never sent;</li>
 *     <li>a transaction whose records did not all reach the in-sync replicas is aborted before its commit is
 *     requested: 503, and read-committed consumers never see its records;</li>
 *     <li>once the commit is requested it can no longer be aborted: the commit is retried until Kafka answers, and a
 *     command whose deadline passes meanwhile is answered 504 (outcome unknown);</li>
 *     <li>a producer that failed is closed and replaced by one with the same transactional id, which aborts any
 *     transaction the old one left open.</li>
 * </ul>
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    private static final long WATCH_MILLIS = 50;
    private static final Duration MAX_CONNECT_BACKOFF = Duration.ofSeconds(2);

    /** The settings the loop needs. */
    record Settings(Duration ackTimeout, Duration commitRetries, int maxBatch, int maxQueued, int producers) {

        static Settings of(PublishConfig config) {
            return new Settings(config.ackTimeout(), config.transactionTimeout().plus(config.maxBlock()),
                    config.maxBatch(), config.maxQueued(), config.producers());
        }
    }

    private final Settings settings;
    private final LinkedBlockingQueue<PendingCommand> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final List<Lane> lanes = new ArrayList<>();
    private final ScheduledExecutorService watcher;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    /** @param producers the transactional producer of each lane (0 to producers-1), made anew after a failure */
    GroupCommit(String name, IntFunction<Producer<String, String>> producers, Settings settings) {
        this.settings = settings;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name + "-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < settings.producers(); i++) {
            Lane lane = new Lane(i, producers);
            lanes.add(lane);
            Thread thread = new Thread(lane::run, name + "-transactions-" + i);
            thread.setDaemon(true);
            lane.thread = thread;
            thread.start();
        }
        this.watcher.scheduleWithFixedDelay(this::watchDeadlines, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Queues the command's records for the next transaction; its answer and outcome complete on Kafka's word. */
    PendingCommand submit(List<ProducerRecord<String, String>> records) {
        PendingCommand command = new PendingCommand(records, System.nanoTime() + settings.ackTimeout().toNanos());
        if (!accepting) {
            command.refuse("the service is shutting down", null);
        } else if (queued.incrementAndGet() > settings.maxQueued()) {
            queued.decrementAndGet();
            command.refuse(settings.maxQueued() + " commands are already waiting for Kafka", null);
        } else {
            queue.add(command);
        }
        return command;
    }

    /** The next commands to send: waits a little for the first, then takes what else is queued. */
    private List<PendingCommand> take() {
        List<PendingCommand> batch = new ArrayList<>();
        try {
            PendingCommand first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return batch;
        }
        queue.drainTo(batch, settings.maxBatch() - 1);
        queued.addAndGet(-batch.size());
        long now = System.nanoTime();
        List<PendingCommand> live = new ArrayList<>(batch.size());
        for (PendingCommand command : batch) {
            if (command.deadlineNanos - now <= 0) {
                command.refuse(waitedMessage(), null);
            } else {
                live.add(command);
            }
        }
        return live;
    }

    /** One transactional producer and the thread that owns it. */
    private final class Lane {

        private final int index;
        private final IntFunction<Producer<String, String>> producers;
        private Thread thread;
        private volatile List<PendingCommand> inFlight = List.of();
        private Producer<String, String> producer;
        private Duration connectBackoff = Duration.ofMillis(100);

        Lane(int index, IntFunction<Producer<String, String>> producers) {
            this.index = index;
            this.producers = producers;
        }

        void run() {
            while (running) {
                if (producer == null && !connect()) {
                    continue;
                }
                List<PendingCommand> batch = take();
                if (batch.isEmpty()) {
                    continue;
                }
                inFlight = batch;
                transact(batch);
                inFlight = List.of();
            }
            closeProducer();
        }

        private boolean connect() {
            Producer<String, String> candidate = null;
            try {
                candidate = producers.apply(index);
                // Fences the previous producer of this transactional id and aborts what it left open.
                candidate.initTransactions();
                producer = candidate;
                connectBackoff = Duration.ofMillis(100);
                return true;
            } catch (KafkaException e) {
                LOG.warnf("cannot start transactional producer %d, retrying in %d ms: %s", index, connectBackoff.toMillis(),
                        e.toString());
                if (candidate != null) {
                    candidate.close(Duration.ZERO);
                }
                pause(connectBackoff);
                connectBackoff = min(connectBackoff.multipliedBy(2), MAX_CONNECT_BACKOFF);
                return false;
            }
        }

        private void transact(List<PendingCommand> batch) {
            try {
                producer.beginTransaction();
            } catch (KafkaException e) {
                abandonProducer(e);
                batch.forEach(c -> c.refuse("Kafka did not begin a transaction: " + e, e));
                return;
            }
            AtomicReference<Exception> failure = new AtomicReference<>();
            try {
                for (PendingCommand command : batch) {
                    for (ProducerRecord<String, String> record : command.records) {
                        producer.send(record, (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                    }
                }
                producer.flush();
            } catch (KafkaException e) {
                failure.compareAndSet(null, e);
            }
            if (failure.get() != null) {
                abort(batch, failure.get());
                return;
            }
            commit(batch);
        }

        /** Before the commit is requested an abort is always safe: the records stay invisible to read-committed consumers. */
        private void abort(List<PendingCommand> batch, Exception cause) {
            LOG.warnf("aborting a transaction of %d commands: %s", batch.size(), cause.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                // The transaction stays open until the next producer of this id fences it or it times out: aborted either way.
                abandonProducer(e);
            }
            batch.forEach(c -> c.refuse("Kafka did not accept the event: " + cause, cause));
        }

        private void commit(List<PendingCommand> batch) {
            long giveUp = System.nanoTime() + settings.commitRetries().toNanos();
            while (true) {
                try {
                    producer.commitTransaction();
                    batch.forEach(PendingCommand::committed);
                    return;
                } catch (TimeoutException e) {
                    // Safe to retry; after transaction-timeout the coordinator has decided, and a retry hears it.
                    if (System.nanoTime() - giveUp > 0 || !running) {
                        settleUnknown(batch, e);
                        return;
                    }
                } catch (KafkaException e) {
                    settleUnknown(batch, e);
                    return;
                }
            }
        }

        private void settleUnknown(List<PendingCommand> batch, Exception cause) {
            LOG.errorf("the commit of a transaction of %d commands has no known outcome: %s", batch.size(), cause.toString());
            abandonProducer(cause);
            batch.forEach(c -> c.outcomeUnknown("Kafka did not confirm the commit: " + cause, cause));
        }

        private void abandonProducer(Exception cause) {
            LOG.warnf("replacing transactional producer %d after: %s", index, cause.toString());
            closeProducer();
        }

        private void closeProducer() {
            if (producer != null) {
                try {
                    producer.close(Duration.ZERO);
                } catch (KafkaException e) {
                    LOG.debugf("closing transactional producer %d: %s", index, e.toString());
                }
                producer = null;
            }
        }
    }

    /** Answers, at their deadline, the commands still queued (503, they will not be sent) or in a commit (504). */
    private void watchDeadlines() {
        long now = System.nanoTime();
        PendingCommand head;
        while ((head = queue.peek()) != null && head.deadlineNanos - now <= 0) {
            // Whoever removes it owns it: here it is refused, or a lane has just taken it to send.
            if (queue.remove(head)) {
                queued.decrementAndGet();
                head.refuse(waitedMessage(), null);
            }
        }
        for (Lane lane : lanes) {
            for (PendingCommand command : lane.inFlight) {
                if (command.deadlineNanos - now <= 0 && !command.answer.isDone()) {
                    command.deadlinePassed("Kafka has not confirmed the transaction within "
                            + settings.ackTimeout().toMillis() + " ms");
                }
            }
        }
    }

    private String waitedMessage() {
        return "waited " + settings.ackTimeout().toMillis() + " ms for a transaction; Kafka is unavailable or saturated";
    }

    /** Stops taking commands, lets the queued ones be sent or time out, then closes the producers. */
    @Override
    public void close() {
        accepting = false;
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        while ((!queue.isEmpty() || lanes.stream().anyMatch(l -> !l.inFlight.isEmpty())) && System.nanoTime() - deadline < 0) {
            pause(Duration.ofMillis(20));
        }
        running = false;
        for (Lane lane : lanes) {
            try {
                lane.thread.join(settings.commitRetries().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watcher.shutdownNow();
        PendingCommand left;
        while ((left = queue.poll()) != null) {
            left.refuse("the service is shutting down", null);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
