package io.dmdesk.triage.console;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code /console/} serves the console's page; its script and stylesheet are static resources next to it. */
@Configuration
class ConsolePage {

    private static final Resource PAGE = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consolePageRoutes() {
        return RouterFunctions.route()
                .GET(
                        "/console",
                        request -> ServerResponse.permanentRedirect(URI.create("/console/"))
                                .build())
                .GET(
                        "/console/",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .cacheControl(CacheControl.noCache())
                                .bodyValue(PAGE))
                .build();
    }
}
