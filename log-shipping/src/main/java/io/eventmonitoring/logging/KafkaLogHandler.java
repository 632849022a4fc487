package io.eventmonitoring.logging;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies log records to a Kafka topic without ever making the logging thread wait: records go into a bounded
 * queue, and a dedicated thread formats them and sends them with its own producer. A record that finds the queue
 * full, that Kafka does not take, or that is still queued when the handler closes is counted as dropped.
 * <p>
 * The producer is created, used and closed only on that thread, and records logged by it or by the producer's
 * network thread are never shipped: the producer's logging about a slow or absent Kafka cannot feed itself.
 */
public final class KafkaLogHandler extends ExtHandler {

    private static final String NETWORK_THREAD_PREFIX = "kafka-producer-network-thread | ";
    private static final long POLL_MILLIS = 100;

    private final String topic;
    private final String key;
    private final ExtFormatter formatter;
    private final BlockingQueue<ExtLogRecord> queue;
    private final String networkThreadName;
    private final Thread sender;
    private final AtomicLong droppedBufferFull = new AtomicLong();
    private final AtomicLong droppedSendFailed = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    private volatile boolean stopping;
    private volatile long closeDeadline;

    /**
     * Starts the sender thread and its producer; a producer that cannot be created (bad config) fails here.
     *
     * @param producerConfig the Kafka producer properties; {@code client.id} is required: it names the producer's
     *                       network thread, whose records are not shipped
     * @param key            the record key: the service name
     */
    public KafkaLogHandler(Map<String, Object> producerConfig, String topic, String key, ExtFormatter formatter,
                           int bufferSize) {
        Object clientId = producerConfig.get(ProducerConfig.CLIENT_ID_CONFIG);
        if (clientId == null) {
            throw new IllegalArgumentException(ProducerConfig.CLIENT_ID_CONFIG + " is required");
        }
        this.topic = topic;
        this.key = key;
        this.formatter = formatter;
        this.queue = new ArrayBlockingQueue<>(bufferSize);
        this.networkThreadName = NETWORK_THREAD_PREFIX + clientId;
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.sender = new Thread(() -> run(producerConfig, started), "eventmonitoring-log-shipper");
        this.sender.setDaemon(true);
        this.sender.start();
        try {
            started.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the log shipper", e);
        }
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        if (stopping) {
            return;
        }
        Thread current = Thread.currentThread();
        if (current == sender || networkThreadName.equals(current.getName())) {
            return;
        }
        // The record is formatted on the sender thread: take what belongs to this thread now.
        if (formatter.isCallerCalculationRequired()) {
            record.copyAll();
        } else {
            record.copyMdc();
        }
        if (!queue.offer(record)) {
            droppedBufferFull.incrementAndGet();
        }
    }

    private void run(Map<String, Object> producerConfig, CompletableFuture<Void> started) {
        Producer<String, String> producer;
        try {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            return;
        }
        started.complete(null);
        try {
            while (!(stopping && queue.isEmpty()) && !pastCloseDeadline()) {
                ExtLogRecord record = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (record != null) {
                    send(producer, record);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            droppedSendFailed.addAndGet(queue.size());
            queue.clear();
            producer.close(Duration.ofNanos(Math.max(0, closeDeadline - System.nanoTime())));
        }
    }

    private boolean pastCloseDeadline() {
        return stopping && System.nanoTime() - closeDeadline > 0;
    }

    private void send(Producer<String, String> producer, ExtLogRecord record) {
        try {
            String value = withoutDelimiter(formatter.format(record));
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
                if (failure == null) {
                    shipped.incrementAndGet();
                } else {
                    droppedSendFailed.incrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            // Typically max.block.ms passed without metadata or buffer space: Kafka is away or slow.
            droppedSendFailed.incrementAndGet();
        }
    }

    private static String withoutDelimiter(String formatted) {
        int end = formatted.length();
        while (end > 0 && (formatted.charAt(end - 1) == '\n' || formatted.charAt(end - 1) == '\r')) {
            end--;
        }
        return formatted.substring(0, end);
    }

    /** Records that found the queue full. */
    public long droppedBufferFull() {
        return droppedBufferFull.get();
    }

    /** Records Kafka did not take (no metadata or buffer space in time, delivery timeout) or still queued at close. */
    public long droppedSendFailed() {
        return droppedSendFailed.get();
    }

    /** Records Kafka acknowledged. */
    public long shipped() {
        return shipped.get();
    }

    /** Sends what is queued and closes the producer, taking at most about {@code timeout}. */
    public void close(Duration timeout) {
        closeDeadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        try {
            sender.join(timeout.toMillis() + POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
