package io.dmdesk.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops of this application's own, not Reactor Netty's JVM-wide global ones. Closing an application
 * then never disposes the loops other applications in the same JVM still serve on, which is what the
 * end-to-end and restart tests do with several services in one JVM.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration")
@ConditionalOnClass(ReactorResourceFactory.class)
public class NettyResourcesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactorResourceFactory dmdeskReactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
