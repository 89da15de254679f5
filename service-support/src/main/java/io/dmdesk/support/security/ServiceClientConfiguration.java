package io.dmdesk.support.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFilterFunctions;
import reactor.core.publisher.Mono;

/**
 * {@code serviceAuthFilter}: authenticates this service's calls to other dmdesk services (and only those:
 * never apply it to platform or case-system clients). HTTP Basic with {@code dmdesk.security.client.username}
 * and {@code password} locally, an OAuth2 client-credentials token from {@code registration-id} in production.
 */
@AutoConfiguration(after = ReactiveOAuth2ClientAutoConfiguration.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceClientConfiguration {

    @Bean
    ExchangeFilterFunction serviceAuthFilter(
            SecurityProperties properties, ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
        SecurityProperties.Client client = properties.client();
        if (client.registrationId() != null && !client.registrationId().isBlank()) {
            ReactiveClientRegistrationRepository repository = registrations.getIfAvailable();
            if (repository == null
                    || repository
                            .findByRegistrationId(client.registrationId())
                            .blockOptional()
                            .isEmpty()) {
                throw new IllegalStateException("dmdesk.security.client.registration-id: no "
                        + "spring.security.oauth2.client.registration." + client.registrationId() + " is configured");
            }
            var manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
                    repository, new InMemoryReactiveOAuth2AuthorizedClientService(repository));
            manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                    .clientCredentials()
                    .build());
            var oauth = new ServerOAuth2AuthorizedClientExchangeFilterFunction(manager);
            oauth.setDefaultClientRegistrationId(client.registrationId());
            return oauth;
        }
        if (client.username() != null && !client.username().isBlank()) {
            if (client.password() == null || client.password().isBlank()) {
                throw new IllegalStateException(
                        "dmdesk.security.client.password is required with " + "dmdesk.security.client.username");
            }
            return ExchangeFilterFunctions.basicAuthentication(client.username(), client.password());
        }
        // A service that never calls another one needs no credentials; one that does fails loudly on the call.
        return (request, next) -> Mono.error(new IllegalStateException("dmdesk.security.client.username/password "
                + "or dmdesk.security.client.registration-id must be set to call another dmdesk service"));
    }
}
