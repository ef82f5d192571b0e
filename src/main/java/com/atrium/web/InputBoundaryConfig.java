package com.atrium.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

/** Wires the request boundary: the parameter and body filter ahead of Spring Security, and the JSON string cleaner. */
@Configuration(proxyBeanMethods = false)
class InputBoundaryConfig {

    @Bean
    FilterRegistrationBean<RequestBoundaryFilter> requestBoundaryFilter(@Value("${atrium.web.max-json-body:1MB}") DataSize max) {
        FilterRegistrationBean<RequestBoundaryFilter> r = new FilterRegistrationBean<>(new RequestBoundaryFilter(max));
        // Spring Security's chain is at -100: clean before it reads anything
        r.setOrder(-110);
        return r;
    }

    @Bean
    JacksonModule plainTextJsonModule() {
        return new SimpleModule("atrium-plain-text").addDeserializer(String.class, new PlainTextJson(null));
    }
}
