package io.dmdesk.support.session;

import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.mongo.MongoConfiguration;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.support.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Browser sessions in the service's store instead of memory, in every service that has one
 * ({@code dmdesk.session.store=memory} to opt out). Boot's cookie settings ({@code server.reactive.session.cookie.*})
 * and idle timeout still apply.
 */
@AutoConfiguration(after = MongoConfiguration.class, before = WebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(MongoStore.class)
@ConditionalOnProperty(prefix = "dmdesk.session", name = "store", havingValue = "mongo", matchIfMissing = true)
@EnableConfigurationProperties(SessionProperties.class)
public class SessionConfiguration {

    @Bean
    MongoWebSessionStore mongoWebSessionStore(
            MongoStore store,
            SessionProperties properties,
            ObjectProvider<ServerProperties> server,
            ObjectProvider<Auditor> auditor,
            ObjectProvider<Clock> clock,
            @Value("${spring.application.name:dmdesk}") String service) {
        Duration idle = server.getIfAvailable(ServerProperties::new)
                .getReactive()
                .getSession()
                .getTimeout();
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        MongoWebSessionStore sessions = new MongoWebSessionStore(
                store,
                idle,
                properties.absoluteTimeout(),
                time,
                new SessionExpiries(auditor.getIfAvailable(), time, service));
        sessions.createIndexes();
        return sessions;
    }

    @Bean(name = WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    WebSessionManager webSessionManager(MongoWebSessionStore sessions, ObjectProvider<WebSessionIdResolver> resolver) {
        DefaultWebSessionManager manager = new DefaultWebSessionManager();
        manager.setSessionStore(sessions);
        resolver.ifAvailable(manager::setSessionIdResolver);
        return manager;
    }

    /**
     * Removes expired sessions every {@code sweep-every}, so an expiry is audited even if nobody comes back. A failed
     * sweep is logged by PeriodicTask and the next one retries.
     */
    @Bean
    PeriodicTask webSessionSweep(MongoWebSessionStore sessions, SessionProperties properties) {
        return new PeriodicTask("web-session-sweep", properties.sweepEvery(), properties.sweepEvery()) {
            @Override
            public void refresh() {
                sessions.sweep().block(properties.sweepEvery().plusSeconds(30));
            }
        };
    }
}
