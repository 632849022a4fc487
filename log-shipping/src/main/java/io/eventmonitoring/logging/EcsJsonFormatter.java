package io.eventmonitoring.logging;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig.LogFormat;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quarkus's JSON formatter with two additions, applied to every string the record carries:
 * secrets are masked ({@link SecretMasker}), and MDC entries named {@code eventmonitoring.*} become top-level
 * fields (ECS style, like {@code service.name}) instead of entries of the {@code mdc} object.
 */
public final class EcsJsonFormatter extends JsonFormatter {

    static final String FIELD_PREFIX = "eventmonitoring.";

    private EcsJsonFormatter(String keyOverrides) {
        super(keyOverrides);
    }

    /**
     * A formatter configured like {@code source}, the one Quarkus built from {@code quarkus.log.console.json.*}.
     * The date pattern ({@code "default"} or a pattern) and the log format cannot be read from a formatter: the
     * caller passes them from the same config.
     */
    public static EcsJsonFormatter copyOf(JsonFormatter source, String dateFormat, LogFormat logFormat) {
        EcsJsonFormatter copy = new EcsJsonFormatter(source.getKeyOverrides());
        copy.setExcludedKeys(source.getExcludedKeys());
        copy.setAdditionalFields(source.getAdditionalFields());
        copy.setLogFormat(logFormat);
        copy.setPrettyPrint(source.isPrettyPrint());
        copy.setExceptionOutputType(source.getExceptionOutputType());
        copy.setPrintDetails(source.isPrintDetails());
        copy.setRecordDelimiter(source.getRecordDelimiter());
        copy.setMetaData(source.getMetaData());
        if (!"default".equals(dateFormat)) {
            copy.setDateFormat(dateFormat);
        }
        copy.setZoneId(source.getZoneId().getId());
        return copy;
    }

    @Override
    protected Generator createGenerator(Writer writer) {
        return new MaskingGenerator(super.createGenerator(writer), getKey(Key.MDC));
    }

    private static final class MaskingGenerator implements Generator {
        private final Generator delegate;
        private final String mdcKey;

        private MaskingGenerator(Generator delegate, String mdcKey) {
            this.delegate = delegate;
            this.mdcKey = mdcKey;
        }

        @Override
        public Generator begin() throws Exception {
            delegate.begin();
            return this;
        }

        @Override
        public Generator add(String key, int value) throws Exception {
            delegate.add(key, value);
            return this;
        }

        @Override
        public Generator add(String key, long value) throws Exception {
            delegate.add(key, value);
            return this;
        }

        @Override
        public Generator add(String key, Map<String, ?> value) throws Exception {
            if (value == null || value.isEmpty()) {
                delegate.add(key, value);
                return this;
            }
            Map<String, Object> rest = new LinkedHashMap<>();
            for (Map.Entry<String, ?> entry : value.entrySet()) {
                Object masked = entry.getValue() instanceof String s ? SecretMasker.mask(s) : entry.getValue();
                if (key.equals(mdcKey) && entry.getKey().startsWith(FIELD_PREFIX)) {
                    delegate.add(entry.getKey(), masked == null ? null : masked.toString());
                } else {
                    rest.put(entry.getKey(), masked);
                }
            }
            delegate.add(key, rest);
            return this;
        }

        @Override
        public Generator add(String key, String value) throws Exception {
            delegate.add(key, SecretMasker.mask(value));
            return this;
        }

        @Override
        public Generator startObject(String key) throws Exception {
            delegate.startObject(key);
            return this;
        }

        @Override
        public Generator endObject() throws Exception {
            delegate.endObject();
            return this;
        }

        @Override
        public Generator startArray(String key) throws Exception {
            delegate.startArray(key);
            return this;
        }

        @Override
        public Generator endArray() throws Exception {
            delegate.endArray();
            return this;
        }

        @Override
        public Generator end() throws Exception {
            delegate.end();
            return this;
        }
    }
}
