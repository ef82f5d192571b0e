package com.atrium.web;

import com.atrium.practice.ApiTokenService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains: the JSON API under /api (Bearer API tokens or HTTP Basic for scripts, or the browser session, problem
 * details for 401/403) and the web UI (form login). Sessions live in the database (Spring Session JDBC).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationHandlers problems, ApiTokenService tokens,
                            @Value("${atrium.security.hsts:false}") boolean hsts) throws Exception {
        // Scripts authenticate every call with a Bearer API token or HTTP Basic and need no CSRF token; a
        // browser using its session cookie must send the token like any form.
        RequestMatcher scriptAuth = (HttpServletRequest r) -> {
            String h = r.getHeader("Authorization");
            return h != null && (h.regionMatches(true, 0, "Basic ", 0, 6) || h.regionMatches(true, 0, "Bearer ", 0, 7));
        };
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .csrf(c -> c.ignoringRequestMatchers(scriptAuth))
                // an API call that fails to authenticate must not open a session just to remember the request
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)).httpStrictTransportSecurity(t -> hsts(t, hsts)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(@Value("${atrium.security.hsts:false}") boolean hsts, HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**",
                                // an invitation link works without an account; the dev mailbox exists only when enabled (never in prod)
                                "/invitations/*", "/dev/mailbox",
                                // forgot password: ask for a link, then choose a new password on the page it opens
                                "/password-reset", "/password-reset/*").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().authenticated())
                // the OAuth 2.0 code flow to a CRM site (the crm module provides the client registrations)
                .oauth2Client(org.springframework.security.config.Customizer.withDefaults())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(new LoginFailureHandler()).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .httpStrictTransportSecurity(t -> hsts(t, hsts))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * HSTS (on under {@code prod}): https responses tell browsers to use only https for a year, subdomains included. Off
     * elsewhere, so a developer's https test on localhost does not pin the browser.
     */
    private static void hsts(HeadersConfigurer<HttpSecurity>.HstsConfig config, boolean on) {
        if (on) {
            config.includeSubDomains(true).maxAgeInSeconds(Duration.ofDays(365).toSeconds());
        } else {
            config.disable();
        }
    }
}
