package com.atrium.outsider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The gate decides on the path Spring MVC routes (decoded, normalised), not on the raw request URI. */
class OutsiderGatePathTests {

    @ParameterizedTest
    @CsvSource({
            "/%70ortal, /portal",
            "/api/%70ortal/files, /api/portal/files",
            "/portal;jsessionid=x/files, /portal/files",
            "//portal, /portal",
            "/clients/../portal, /portal",
            "/./api/portal, /api/portal",
            "/clients, /clients",
            "/, /"})
    void thePathIsDecodedAndNormalised(String raw, String routed) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", raw);
        assertThat(OutsiderGate.path(request)).isEqualTo(routed);
    }
}
