package com.atrium.crm;

import com.atrium.access.AccessService;
import com.atrium.access.PracticePermission;
import com.atrium.practice.AtriumPrincipal;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * The OAuth 2.0 authorization code flow and token refresh, done by Spring Security's OAuth2 client: each integration
 * is a client registration ({@code crm-<id>}) built from its row (app id, decrypted secret, the site's
 * {@code /oauth2/auth} and {@code /oauth2/token}, the secret sent in the form as Xplan expects); the authorized
 * client (the tokens) is stored encrypted on the integration itself, for the integration rather than for the user
 * who consented, because the hourly job uses it without anyone logged in. The web chain's {@code oauth2Client()}
 * picks these beans up; {@code /oauth2/authorization/crm-<id>} starts the consent only for a practice manager of
 * the integration's practice (anyone else gets 404).
 */
@Configuration(proxyBeanMethods = false)
class CrmOAuth {
    static final String PREFIX = "crm-";
    static final String CALLBACK = "/settings/integrations/oauth2/callback/";

    static String registrationId(long integrationId) {
        return PREFIX + integrationId;
    }

    static Optional<Long> integrationId(String registrationId) {
        if (registrationId == null || !registrationId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(registrationId.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Bean
    ClientRegistrationRepository crmClientRegistrations(IntegrationRepository integrations, CrmSecrets secrets, ForwardHosts hosts) {
        return registrationId -> integrationId(registrationId).flatMap(integrations::findAny)
                .filter(i -> i.appId() != null && i.forwardHost() != null && i.clientSecretEnc() != null)
                .map(i -> registration(i, secrets, hosts)).orElse(null);
    }

    static ClientRegistration registration(IntegrationRow i, CrmSecrets secrets, ForwardHosts hosts) {
        String base = hosts.baseUrl(i.forwardHost());
        return ClientRegistration.withRegistrationId(i.registrationId())
                .clientId(i.appId())
                .clientSecret(secrets.decrypt(i.clientSecretEnc()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + CALLBACK + "{registrationId}")
                .authorizationUri(base + "/oauth2/auth")
                .tokenUri(base + "/oauth2/token")
                .clientName(i.name())
                .build();
    }

    @Bean
    OAuth2AuthorizedClientService crmAuthorizedClients(IntegrationRepository integrations, CrmSecrets secrets, ForwardHosts hosts) {
        return new OAuth2AuthorizedClientService() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principalName) {
                return (T) integrationId(registrationId).flatMap(integrations::findAny)
                        .filter(i -> i.refreshTokenEnc() != null && i.appId() != null && i.clientSecretEnc() != null)
                        .map(i -> new OAuth2AuthorizedClient(registration(i, secrets, hosts), principalName,
                                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                                        i.accessTokenEnc() == null ? "none" : secrets.decrypt(i.accessTokenEnc()),
                                        i.accessTokenIssuedAt() == null ? Instant.EPOCH : i.accessTokenIssuedAt(),
                                        i.accessTokenExpiresAt() == null ? Instant.EPOCH.plusSeconds(1) : i.accessTokenExpiresAt()),
                                new OAuth2RefreshToken(secrets.decrypt(i.refreshTokenEnc()), null)))
                        .orElse(null);
            }

            @Override
            public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
                integrationId(client.getClientRegistration().getRegistrationId()).ifPresent(id -> {
                    OAuth2AccessToken at = client.getAccessToken();
                    integrations.saveTokens(id, secrets.encrypt(at.getTokenValue()), at.getIssuedAt(), at.getExpiresAt(),
                            client.getRefreshToken() == null ? null : secrets.encrypt(client.getRefreshToken().getTokenValue()));
                });
            }

            @Override
            public void removeAuthorizedClient(String registrationId, String principalName) {
                integrationId(registrationId).ifPresent(integrations::forgetTokens);
            }
        };
    }

    @Bean
    OAuth2AuthorizedClientRepository crmAuthorizedClientRepository(OAuth2AuthorizedClientService service) {
        return new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(service);
    }

    /** Starts the consent for practice managers of the integration's practice only; for anyone else the URL does not exist. */
    @Bean
    OAuth2AuthorizationRequestResolver crmAuthorizationRequestResolver(ClientRegistrationRepository registrations,
                                                                       IntegrationRepository integrations, PracticeService practice,
                                                                       AccessService access) {
        DefaultOAuth2AuthorizationRequestResolver delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                String uri = request.getRequestURI().substring(request.getContextPath().length());
                if (!uri.startsWith("/oauth2/authorization/")) {
                    return null;
                }
                return resolve(request, uri.substring("/oauth2/authorization/".length()));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                Optional<IntegrationRow> integration = integrationId(registrationId).flatMap(integrations::findAny);
                Optional<Actor> actor = currentActor(practice);
                if (integration.isEmpty() || actor.isEmpty() || actor.get().practiceId() != integration.get().practiceId()
                        || !access.check(actor.get(), PracticePermission.MANAGE_INTEGRATIONS)
                        || registrations.findByRegistrationId(registrationId) == null) {
                    return null;
                }
                return delegate.resolve(request, registrationId);
            }
        };
    }

    static Optional<Actor> currentActor(PracticeService practice) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AtriumPrincipal p) {
            return practice.actor(p.userId());
        }
        return Optional.empty();
    }

    /** For the sync: hands out a valid access token, refreshing it through the token endpoint when it has expired. */
    @Bean
    CrmTokens crmTokens(ClientRegistrationRepository registrations, OAuth2AuthorizedClientService service, Clock clock,
                        com.atrium.shared.PublicUrl publicUrl) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, service);
        // Xplan wants the redirect URI on a refresh too (xplan-api.md, OAuth step 4); a job has no request to take the
        // base URL from, so it is the public address (ATRIUM_PUBLIC_URL, or this server's) plus the callback path
        org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient refresh =
                new org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient();
        refresh.addParametersConverter(grant -> {
            org.springframework.util.LinkedMultiValueMap<String, String> extra = new org.springframework.util.LinkedMultiValueMap<>();
            extra.add("redirect_uri", publicUrl.link(CALLBACK + grant.getClientRegistration().getRegistrationId()));
            return extra;
        });
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .refreshToken(r -> r.clock(clock).accessTokenResponseClient(refresh)).build());
        return new CrmTokens(manager, service, clock);
    }

    /** Access tokens for the connector. */
    static final class CrmTokens {
        private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
        private final OAuth2AuthorizedClientService service;
        private final Clock clock;

        CrmTokens(AuthorizedClientServiceOAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientService service, Clock clock) {
            this.manager = manager;
            this.service = service;
            this.clock = clock;
        }

        /** A valid access token (refreshed when expired); empty when the integration holds no tokens (consent needed). */
        Optional<String> accessToken(long integrationId) {
            OAuth2AuthorizedClient c = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId(integrationId))
                    .principal(principal(integrationId)).build());
            return Optional.ofNullable(c).map(x -> x.getAccessToken().getTokenValue());
        }

        /** As {@link #accessToken}, with the moment the token expires (null: not said), for a caller that keeps it meanwhile. */
        Optional<Token> token(long integrationId) {
            OAuth2AuthorizedClient c = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId(integrationId))
                    .principal(principal(integrationId)).build());
            return Optional.ofNullable(c).map(x -> new Token(x.getAccessToken().getTokenValue(), x.getAccessToken().getExpiresAt()));
        }

        record Token(String value, Instant expiresAt) {
        }

        /** The CRM refused the access token before its time: mark it expired so the next {@link #accessToken} refreshes it. */
        void expire(long integrationId) {
            OAuth2AuthorizedClient c = service.loadAuthorizedClient(registrationId(integrationId), principal(integrationId));
            if (c != null) {
                Instant now = clock.instant();
                OAuth2AccessToken expired = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, c.getAccessToken().getTokenValue(),
                        now.minusSeconds(120), now.minusSeconds(60));
                service.saveAuthorizedClient(new OAuth2AuthorizedClient(c.getClientRegistration(), c.getPrincipalName(), expired,
                        c.getRefreshToken()), null);
            }
        }

        private static String principal(long integrationId) {
            return "integration-" + integrationId;
        }
    }
}
