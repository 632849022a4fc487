package io.eventmonitoring.logging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;

/**
 * At startup, gives the JSON console handler the masking {@link EcsJsonFormatter} and, when shipping is enabled,
 * adds a {@link KafkaLogHandler} to the root logger that ships exactly what the console prints (same level, same
 * filter, same format). At shutdown, ships what is still queued for a few seconds and closes the producer.
 */
@Singleton
public class LogShipping {

    static final String DROPPED_METRIC = "eventmonitoring.log.records.dropped";
    static final String SHIPPED_METRIC = "eventmonitoring.log.records.shipped";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final LogShippingConfig config;
    private final String serviceName;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private KafkaLogHandler handler;

    LogShipping(LogShippingConfig config,
                @ConfigProperty(name = "quarkus.application.name") String serviceName,
                @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                MeterRegistry registry) {
        this.config = config;
        this.serviceName = serviceName;
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
    }

    // Early among startup observers, so that what the application logs while starting is masked and shipped too.
    void start(@Observes @Priority(1) StartupEvent event) {
        if (config.bufferSize() < 1) {
            throw new ConfigurationException(LogShippingConfig.PREFIX + ".buffer-size must be at least 1, was "
                    + config.bufferSize(), Set.of(LogShippingConfig.PREFIX + ".buffer-size"));
        }
        if (config.topic().isBlank()) {
            throw new ConfigurationException(LogShippingConfig.PREFIX + ".topic must not be blank",
                    Set.of(LogShippingConfig.PREFIX + ".topic"));
        }
        JsonLogConfig.JsonConfig json = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(JsonLogConfig.class).consoleJson();
        Logger root = LogContext.getLogContext().getLogger("");
        ConsoleHandler console = findJsonConsoleHandler(root.getHandlers());
        if (console == null) {
            if (config.enabled()) {
                throw new ConfigurationException(LogShippingConfig.PREFIX + ".enabled=true needs JSON console logging"
                        + " (quarkus.log.console.json.enabled=true): the shipped records are the console's JSON lines."
                        + " Enable it, or set " + LogShippingConfig.PREFIX + ".enabled=false",
                        Set.of(LogShippingConfig.PREFIX + ".enabled", "quarkus.log.console.json.enabled"));
            }
            return;
        }
        JsonFormatter consoleFormatter = (JsonFormatter) console.getFormatter();
        console.setFormatter(EcsJsonFormatter.copyOf(consoleFormatter, json.dateFormat(), json.logFormat()));
        if (!config.enabled()) {
            return;
        }
        handler = new KafkaLogHandler(producerConfig(), config.topic(), serviceName,
                EcsJsonFormatter.copyOf(consoleFormatter, json.dateFormat(), json.logFormat()), config.bufferSize());
        handler.setLevel(console.getLevel());
        handler.setFilter(console.getFilter());
        handler.setErrorManager(console.getErrorManager());
        registerMeters(handler);
        root.addHandler(handler);
    }

    void stop(@Observes ShutdownEvent event) {
        if (handler == null) {
            return;
        }
        LogContext.getLogContext().getLogger("").removeHandler(handler);
        handler.close(CLOSE_TIMEOUT);
        meters.forEach(registry::remove);
        meters.clear();
        handler = null;
    }

    Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals("tls-configuration-name")) {
                props.put(key, value);
            }
        });
        if (!props.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigurationException("kafka.bootstrap.servers is required to ship logs (or set "
                    + LogShippingConfig.PREFIX + ".enabled=false)", Set.of("kafka.bootstrap.servers"));
        }
        props.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-log-shipping");
        // Logs tolerate a lost record on leader failover; they must never slow the service down.
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "100");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(8 * 1024 * 1024));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.putAll(config.producer());
        return props;
    }

    private void registerMeters(KafkaLogHandler shipping) {
        meters.add(FunctionCounter.builder(DROPPED_METRIC, shipping, KafkaLogHandler::droppedBufferFull)
                .description("Log records not shipped to Kafka").tag("reason", "buffer-full").register(registry));
        meters.add(FunctionCounter.builder(DROPPED_METRIC, shipping, KafkaLogHandler::droppedSendFailed)
                .description("Log records not shipped to Kafka").tag("reason", "send-failed").register(registry));
        meters.add(FunctionCounter.builder(SHIPPED_METRIC, shipping, KafkaLogHandler::shipped)
                .description("Log records acknowledged by Kafka").register(registry));
    }

    private static ConsoleHandler findJsonConsoleHandler(Handler[] handlers) {
        for (Handler candidate : handlers) {
            if (candidate instanceof ConsoleHandler console && console.getFormatter() instanceof JsonFormatter) {
                return console;
            }
            if (candidate instanceof ExtHandler parent) {
                ConsoleHandler nested = findJsonConsoleHandler(parent.getHandlers());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
