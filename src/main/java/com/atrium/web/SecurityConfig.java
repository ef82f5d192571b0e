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
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three filter chains: the JSON API called with a Bearer API token (stateless: no session is read or created, no CSRF
 * token, no request cache, no anonymous user — the token is the credential, sent by a script, never by a browser on its
 * own), the rest of the JSON API under /api (HTTP Basic for scripts, or the browser session with its CSRF token; problem
 * details for 401/403) and the web UI (form login). Sessions live in the database (Spring Session JDBC).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /**
     * No Micrometer observations of Spring Security's own steps (one per filter of the chain, plus authentication and
     * authorization, on every request): the profile of the HTTP benchmark showed them at about 14% of the request
     * threads' CPU. The request itself is still observed ({@code http.server.requests}); security events are audited.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * {@code /api/**} with {@code Authorization: Bearer …}: authenticated by {@link BearerTokenFilter} for this request
     * only. Nothing here touches the session (a session cookie sent along is ignored: the token decides who calls), so
     * a token call costs no session lookup, no session write and no CSRF token; CSRF protection is for requests a
     * browser makes with its cookie, and a browser never adds this header by itself.
     */
    @Bean
    @Order(0)
    SecurityFilterChain apiTokens(HttpSecurity http, ProblemAuthenticationHandlers problems, ApiTokenService tokens,
                                  @Value("${atrium.security.hsts:false}") boolean hsts) throws Exception {
        http.securityMatcher(new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"), BearerTokenFilter::isBearer))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .logout(l -> l.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)).httpStrictTransportSecurity(t -> hsts(t, hsts)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationHandlers problems,
                            @Value("${atrium.security.hsts:false}") boolean hsts) throws Exception {
        // Scripts authenticate every call with HTTP Basic and need no CSRF token (Bearer calls have their own chain,
        // above); a browser using its session cookie must send the token like any form.
        RequestMatcher scriptAuth = (HttpServletRequest r) -> {
            String h = r.getHeader("Authorization");
            return h != null && h.regionMatches(true, 0, "Basic ", 0, 6);
        };
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
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
