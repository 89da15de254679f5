package io.dmdesk.intake.x;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.credentials.AccessTokens;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** One X API client (and connection pool) shared by the DM and mention connectors. */
@Configuration(proxyBeanMethods = false)
class XApiConfiguration {

    @Bean
    XApiClient xApiClient(AccountsProperties accounts, IntakeProperties properties, Clock clock, AccessTokens tokens) {
        return new XApiClient(
                WebClient.builder().build(),
                accounts.baseUrl(Platform.X),
                properties.requestTimeout(),
                clock,
                tokens::current);
    }
}
