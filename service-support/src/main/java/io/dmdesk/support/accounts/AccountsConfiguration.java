package io.dmdesk.support.accounts;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds and validates the monitored accounts in the services that talk to platforms (intake, notifier). */
@AutoConfiguration
@ConditionalOnProperty(name = "dmdesk.accounts[0].id")
@EnableConfigurationProperties(AccountsProperties.class)
public class AccountsConfiguration {}
