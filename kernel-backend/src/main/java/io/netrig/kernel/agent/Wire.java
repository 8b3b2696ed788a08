package io.netrig.kernel.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netrig.model.NetrigException;

/**
 * The agent protocol's encoding: one JSON object per line. Model values (a {@link io.netrig.model.topology.Topology},
 * probes, observations) are records, written field by field and read back through their canonical constructors, so
 * they are validated again on the other side; a value of a sealed type ({@code Link}, {@code Match}, {@code Target},
 * {@code Service}, {@code Probe}, a request or a response) carries its class name, and only netrig's own classes are
 * accepted as such.
 */
public final class Wire {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .activateDefaultTypingAsProperty(BasicPolymorphicTypeValidator.builder()
                    .allowIfSubType("io.netrig.")
                    .allowIfSubType("java.util.")
                    .build(), ObjectMapper.DefaultTyping.OBJECT_AND_NON_CONCRETE, "@type")
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build();

    private Wire() {
    }

    /** One line of JSON (no line breaks inside: JSON escapes them in strings). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new NetrigException("cannot encode " + value.getClass().getSimpleName() + " for the agent protocol: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String line, Class<T> type) {
        try {
            return MAPPER.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new NetrigException("cannot read an agent protocol line as " + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + " (line: " + abbreviate(line) + ")", e);
        }
    }

    static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
