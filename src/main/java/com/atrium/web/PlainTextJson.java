package com.atrium.web;

import com.atrium.shared.PlainText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Every string in a JSON request body is cleaned by {@link PlainText} as it is read, by the name of its property
 * (passwords untouched, multi-line fields keep their lines; strings in lists by the list's name).
 */
final class PlainTextJson extends StdScalarDeserializer<String> {
    private final String field;

    PlainTextJson(String field) {
        super(String.class);
        this.field = field;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        String raw = StringDeserializer.instance.deserialize(p, ctxt);
        return PlainText.cleanField(field, raw);
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        String name = property == null ? null : property.getName();
        return java.util.Objects.equals(name, field) ? this : new PlainTextJson(name);
    }

    @Override
    public boolean isCachable() {
        return false;
    }
}
