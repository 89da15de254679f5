package io.dmdesk.support.security;

import java.time.Duration;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * GET /login: a plain, accessible sign-in page (labels, autocomplete hints, an alert for errors), no scripts
 * or inline styles, so it passes the strict CSP. Posts username, password and the CSRF field to /login.
 * Its stylesheet (in the console's look) and the product's favicon are served here too, without a login
 * (see {@link RouteRules#COMMON}): a browser asks for /favicon.ico on every service it opens.
 */
final class LoginPage {

    static RouterFunction<ServerResponse> route(boolean form, List<ClientRegistration> providers) {
        return RouterFunctions.route(RequestPredicates.GET("/login"), request -> render(request, form, providers))
                .and(asset("/login.css", "login.css", "text/css"))
                .and(asset("/favicon.svg", "favicon.svg", "image/svg+xml"))
                .and(asset("/favicon.ico", "favicon.ico", "image/x-icon"));
    }

    private static RouterFunction<ServerResponse> asset(String path, String resource, String type) {
        ClassPathResource file = new ClassPathResource(resource, LoginPage.class);
        return RouterFunctions.route(
                RequestPredicates.GET(path),
                request -> ServerResponse.ok()
                        .contentType(MediaType.parseMediaType(type))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                        .bodyValue(file));
    }

    private static Mono<ServerResponse> render(
            ServerRequest request, boolean form, List<ClientRegistration> providers) {
        Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
        return (token == null ? Mono.<CsrfToken>empty() : token)
                .map(t -> html(request, form, providers, t))
                .switchIfEmpty(Mono.fromSupplier(() -> html(request, form, providers, null)))
                .flatMap(body ->
                        ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(body));
    }

    static String html(ServerRequest request, boolean form, List<ClientRegistration> providers, CsrfToken token) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in - DM Desk console</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <link rel="icon" href="/favicon.ico" sizes="32x32">
                <link rel="stylesheet" href="/login.css">
                </head>
                <body>
                <header class="top"><h1>DM Desk console</h1></header>
                <main>
                <h2>Sign in</h2>
                """);
        if (request.queryParam("error").isPresent()) {
            page.append("<p role=\"alert\" class=\"alert\">Wrong username or password.</p>\n");
        }
        if (request.queryParam("logout").isPresent()) {
            page.append("<p role=\"status\">You have been signed out.</p>\n");
        }
        if (form) {
            page.append("<form method=\"post\" action=\"/login\">\n")
                    .append("<p><label for=\"username\">Username</label>\n")
                    .append(
                            "<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus></p>\n")
                    .append("<p><label for=\"password\">Password</label>\n")
                    .append(
                            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\n");
            if (token != null) {
                page.append("<input type=\"hidden\" name=\"")
                        .append(HtmlUtils.htmlEscape(token.getParameterName()))
                        .append("\" value=\"")
                        .append(HtmlUtils.htmlEscape(token.getToken()))
                        .append("\">\n");
            }
            page.append("<p><button type=\"submit\">Sign in</button></p>\n</form>\n");
        }
        for (ClientRegistration provider : providers) {
            page.append("<p><a href=\"/oauth2/authorization/")
                    .append(HtmlUtils.htmlEscape(provider.getRegistrationId()))
                    .append("\">Sign in with ")
                    .append(HtmlUtils.htmlEscape(provider.getClientName()))
                    .append("</a></p>\n");
        }
        return page.append("</main>\n</body>\n</html>\n").toString();
    }

    private LoginPage() {}
}
