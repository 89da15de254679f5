package io.dmdesk.support.security;

import io.dmdesk.support.audit.Auditor;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Access control for every service's HTTP surface (not the sandbox, which simulates outside parties).
 * People log in with a form (local users, bcrypt) or OIDC and keep a session; API clients and services use
 * HTTP Basic or a JWT bearer. The route rules are {@link RouteRules#COMMON} plus the service's own
 * {@link RouteRules} bean; anything else is denied. Starting without any way to authenticate is an error.
 */
@AutoConfiguration(
        after = ReactiveOAuth2ClientAutoConfiguration.class,
        before = {
            ReactiveUserDetailsServiceAutoConfiguration.class,
            ReactiveWebSecurityAutoConfiguration.class,
            ReactiveManagementWebSecurityAutoConfiguration.class,
            ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
            ReactiveOAuth2ResourceServerAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Same-origin scripts and styles only: no inline script, no inline handlers, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final String LOGGED_OUT = "/login?logout";
    private static final String END_SESSION_ENDPOINT = "end_session_endpoint";

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The local user store from {@code dmdesk.security.users}; every entry is checked at start-up. */
    @Bean
    ReactiveUserDetailsService localUsers(SecurityProperties properties) {
        Map<String, UserDetails> users = new LinkedHashMap<>();
        for (int i = 0; i < properties.users().size(); i++) {
            SecurityProperties.User user = properties.users().get(i);
            String key = "dmdesk.security.users[" + i + "]";
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalStateException(key + ".username is required");
            }
            if (user.passwordHash() == null
                    || !BCRYPT.matcher(user.passwordHash()).matches()) {
                throw new IllegalStateException(key + ".password-hash must be a bcrypt hash ($2a$/$2b$/$2y$), "
                        + "never a plain password (user " + user.username() + ")");
            }
            if (user.roles().isEmpty()) {
                throw new IllegalStateException(key + ".roles: at least one of OPERATOR, SUPERVISOR, AUDITOR, "
                        + "ADMIN, SERVICE (user " + user.username() + ")");
            }
            if (users.containsKey(user.username())) {
                throw new IllegalStateException(key + ".username: " + user.username() + " is listed twice");
            }
            users.put(
                    user.username(),
                    User.withUsername(user.username())
                            .password(user.passwordHash())
                            .authorities(
                                    user.roles().stream().map(Role::authority).toArray(String[]::new))
                            .build());
        }
        return username -> Mono.justOrEmpty(users.get(username))
                .map(u -> User.withUserDetails(u).build());
    }

    /**
     * The filter chain, in named steps: route rules, how browsers and scripts are asked to authenticate, each way in
     * (HTTP Basic, form, OIDC, bearer token), logout, CSRF and response headers.
     */
    @Bean
    SecurityWebFilterChain dmdeskSecurityFilterChain(
            ServerHttpSecurity http,
            SecurityProperties properties,
            ObjectProvider<RouteRules> serviceRules,
            ObjectProvider<ReactiveClientRegistrationRepository> registrations,
            ReactiveUserDetailsService userDetails,
            PasswordEncoder passwords,
            ObjectProvider<Auditor> auditor,
            ObjectProvider<Clock> clock,
            @Value("${spring.application.name:dmdesk}") String service) {
        List<RouteRule> own = new ArrayList<>();
        serviceRules.orderedStream().forEach(r -> own.addAll(r.rules()));
        List<ClientRegistration> logins = loginRegistrations(registrations.getIfAvailable());
        boolean localUsers = !properties.users().isEmpty();
        requireAWayIn(properties, localUsers, logins);

        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        SignIns signIns =
                new SignIns(auditor.getIfAvailable(), userDetails, clock.getIfAvailable(Clock::systemUTC), service);
        ServerAuthenticationEntryPoint entryPoint = entryPoint(localUsers, logins);

        authorizeExchanges(http, own);
        http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
        httpBasic(http, userDetails, passwords, signIns);
        ServerAuthenticationSuccessHandler success = signInSuccess(properties, csrfTokens, signIns);
        ServerAuthenticationFailureHandler failure = signInFailure(signIns);
        formLogin(http, localUsers, entryPoint, success, failure);
        oidcLogin(http, logins, success, failure);
        bearerTokens(http, properties.jwt(), signIns);
        logout(http, signIns, logoutSuccess(logins, registrations.getIfAvailable(), properties.oidc()));
        csrf(http, own, csrfTokens);
        http.addFilterAfter(OnBehalfOf.filter(), SecurityWebFiltersOrder.AUTHORIZATION);
        headers(http);
        return http.build();
    }

    private static void requireAWayIn(
            SecurityProperties properties, boolean localUsers, List<ClientRegistration> logins) {
        if (!localUsers && !properties.jwt().enabled() && logins.isEmpty()) {
            throw new IllegalStateException("dmdesk.security.users is empty and neither dmdesk.security.jwt.issuer-uri "
                    + "nor an OIDC login (spring.security.oauth2.client.registration.<id>) is configured: nobody "
                    + "could log in. Configure one (see docs/OPERATIONS.md, Security).");
        }
    }

    /** {@link RouteRules#COMMON}, then the service's own rules; anything else is denied. */
    private static void authorizeExchanges(ServerHttpSecurity http, List<RouteRule> own) {
        List<RouteRule> rules = new ArrayList<>(RouteRules.COMMON);
        rules.addAll(own);
        http.authorizeExchange(exchanges -> {
            for (RouteRule rule : rules) {
                var access = rule.method() == null
                        ? exchanges.pathMatchers(rule.pattern())
                        : exchanges.pathMatchers(rule.method(), rule.pattern());
                if (rule.open()) {
                    access.permitAll();
                } else {
                    access.hasAnyAuthority(rule.authorities());
                }
            }
            exchanges.anyExchange().denyAll();
        });
    }

    /** A browser's page request goes to the login page (or straight to the only OIDC provider); the rest get 401. */
    private static ServerAuthenticationEntryPoint entryPoint(boolean localUsers, List<ClientRegistration> logins) {
        String browserLogin = !localUsers && logins.size() == 1
                ? "/oauth2/authorization/" + logins.get(0).getRegistrationId()
                : "/login";
        MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        ServerWebExchangeMatcher browserGet =
                exchange -> HttpMethod.GET.equals(exchange.getRequest().getMethod())
                        ? html.matches(exchange)
                        : MatchResult.notMatch();
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(browserGet, new RedirectServerAuthenticationEntryPoint(browserLogin)));
        entryPoint.setDefaultEntryPoint(SecurityConfiguration::unauthorized);
        return entryPoint;
    }

    /** HTTP Basic against the local users, audited ({@link AuditedAuthentication}). */
    private static void httpBasic(
            ServerHttpSecurity http,
            ReactiveUserDetailsService userDetails,
            PasswordEncoder passwords,
            SignIns signIns) {
        UserDetailsRepositoryReactiveAuthenticationManager users =
                new UserDetailsRepositoryReactiveAuthenticationManager(userDetails);
        users.setPasswordEncoder(passwords);
        http.httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                .authenticationManager(new AuditedAuthentication(users, signIns, "basic")));
    }

    /**
     * WebFlux does not renew the session on login by itself: a session id planted before login (e.g. by the saved
     * request of a redirect to /login) must not become an authenticated one. The CSRF token is renewed too; the page
     * after the redirect gets a fresh XSRF-TOKEN cookie. A sign-in that cannot be audited does not happen: the
     * session is dropped and the error shown.
     */
    private static ServerAuthenticationSuccessHandler signInSuccess(
            SecurityProperties properties, CookieServerCsrfTokenRepository csrfTokens, SignIns signIns) {
        RedirectServerAuthenticationSuccessHandler redirect =
                new RedirectServerAuthenticationSuccessHandler(properties.loginSuccessUrl());
        return (webFilterExchange, authentication) -> webFilterExchange
                .getExchange()
                .getSession()
                .flatMap(WebSession::changeSessionId)
                .then(csrfTokens.saveToken(webFilterExchange.getExchange(), null))
                .then(signIns.signedIn(webFilterExchange.getExchange(), authentication)
                        .onErrorResume(e -> webFilterExchange
                                .getExchange()
                                .getSession()
                                .flatMap(WebSession::invalidate)
                                .then(Mono.error(e))))
                .then(redirect.onAuthenticationSuccess(webFilterExchange, authentication));
    }

    /** A failed attempt is audited, and refused anyway when its audit fails (logged, without the name). */
    private static ServerAuthenticationFailureHandler signInFailure(SignIns signIns) {
        RedirectServerAuthenticationFailureHandler toLoginError =
                new RedirectServerAuthenticationFailureHandler("/login?error");
        return (webFilterExchange, e) -> signIns.failed(webFilterExchange.getExchange(), e)
                .onErrorResume(SecurityConfiguration::notAudited)
                .then(toLoginError.onAuthenticationFailure(webFilterExchange, e));
    }

    private static void formLogin(
            ServerHttpSecurity http,
            boolean localUsers,
            ServerAuthenticationEntryPoint entryPoint,
            ServerAuthenticationSuccessHandler success,
            ServerAuthenticationFailureHandler failure) {
        if (localUsers) {
            http.formLogin(form -> form.loginPage("/login")
                    .authenticationEntryPoint(entryPoint)
                    .authenticationSuccessHandler(success)
                    .authenticationFailureHandler(failure));
        } else {
            http.formLogin(ServerHttpSecurity.FormLoginSpec::disable);
        }
    }

    private static void oidcLogin(
            ServerHttpSecurity http,
            List<ClientRegistration> logins,
            ServerAuthenticationSuccessHandler success,
            ServerAuthenticationFailureHandler failure) {
        if (!logins.isEmpty()) {
            http.oauth2Login(
                    login -> login.authenticationSuccessHandler(success).authenticationFailureHandler(failure));
        }
    }

    /**
     * JWT bearer tokens from the configured issuer, their roles and name read from the configured claims; audited
     * ({@link AuditedAuthentication}).
     */
    private static void bearerTokens(ServerHttpSecurity http, SecurityProperties.Jwt jwt, SignIns signIns) {
        if (jwt.enabled()) {
            JwtReactiveAuthenticationManager tokens = new JwtReactiveAuthenticationManager(jwtDecoder(jwt));
            tokens.setJwtAuthenticationConverter(token -> Mono.just(new JwtAuthenticationToken(
                    token,
                    Claims.roles(token.getClaims(), jwt.rolesClaim()),
                    Claims.name(token.getClaims(), jwt.usernameClaim(), token.getSubject()))));
            http.oauth2ResourceServer(rs -> rs.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                    .jwt(spec -> spec.authenticationManager(new AuditedAuthentication(tokens, signIns, "bearer"))));
        }
    }

    /**
     * POST /logout, audited first: clearing the security context renews the session id, and the sign-out should name
     * the session its sign-in named. A sign-out whose audit fails is done anyway (logged, without the name). Then the
     * session is invalidated in the store, so its cookie is refused on every replica.
     */
    private static void logout(ServerHttpSecurity http, SignIns signIns, ServerLogoutSuccessHandler loggedOut) {
        ServerLogoutHandler auditSignOut = (webFilterExchange, authentication) -> signIns.signedOut(
                        webFilterExchange.getExchange(), authentication)
                .onErrorResume(SecurityConfiguration::notAudited);
        http.logout(logout -> logout.logoutUrl("/logout")
                .logoutHandler(handlers -> {
                    handlers.add(0, auditSignOut);
                    handlers.add(new WebSessionServerLogoutHandler());
                })
                .logoutSuccessHandler(loggedOut));
    }

    /**
     * After logout a browser goes to the login page; one signed in through an OIDC provider goes first to the
     * provider's end-session endpoint (RP-initiated logout, with id_token_hint), which ends the provider's session
     * too and sends it back to the login page. The endpoint comes from the provider's metadata when it was
     * discovered, else from {@code dmdesk.security.oidc.end-session-uri}.
     */
    private static ServerLogoutSuccessHandler logoutSuccess(
            List<ClientRegistration> logins,
            ReactiveClientRegistrationRepository registrations,
            SecurityProperties.Oidc oidc) {
        RedirectServerLogoutSuccessHandler toLogin = new RedirectServerLogoutSuccessHandler();
        toLogin.setLogoutSuccessUrl(URI.create(LOGGED_OUT));
        if (logins.isEmpty()) {
            return toLogin;
        }
        ReactiveClientRegistrationRepository withEndSession = id -> registrations
                .findByRegistrationId(id)
                .map(r -> oidc.endSessionUri() == null
                                || r.getProviderDetails()
                                        .getConfigurationMetadata()
                                        .containsKey(END_SESSION_ENDPOINT)
                        ? r
                        : ClientRegistration.withClientRegistration(r)
                                .providerConfigurationMetadata(withEntry(
                                        r.getProviderDetails().getConfigurationMetadata(),
                                        END_SESSION_ENDPOINT,
                                        oidc.endSessionUri().toString()))
                                .build());
        OidcClientInitiatedServerLogoutSuccessHandler providerLogout =
                new OidcClientInitiatedServerLogoutSuccessHandler(withEndSession);
        providerLogout.setPostLogoutRedirectUri("{baseUrl}" + LOGGED_OUT);
        providerLogout.setLogoutSuccessUrl(URI.create(LOGGED_OUT));
        return providerLogout;
    }

    private static Map<String, Object> withEntry(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    /**
     * Browser sessions carry the token the console reads from the XSRF-TOKEN cookie and sends as X-XSRF-TOKEN (or the
     * login form's _csrf field). Only requests that ride on a session (and the login and logout forms themselves)
     * need it: API calls with an Authorization header cannot be forged by a browser, signature-protected webhooks
     * (the service's open routes) have no session, and a request without a session is anonymous (401).
     */
    private static void csrf(ServerHttpSecurity http, List<RouteRule> own, CookieServerCsrfTokenRepository csrfTokens) {
        List<ServerWebExchangeMatcher> exempt = own.stream()
                .filter(RouteRule::open)
                .map(r -> (ServerWebExchangeMatcher)
                        new PathPatternParserServerWebExchangeMatcher(r.pattern(), r.method()))
                .toList();
        ServerWebExchangeMatcher exemptRoutes =
                exempt.isEmpty() ? e -> MatchResult.notMatch() : new OrServerWebExchangeMatcher(exempt);
        ServerWebExchangeMatcher loginForms = new OrServerWebExchangeMatcher(
                new PathPatternParserServerWebExchangeMatcher("/login", HttpMethod.POST),
                new PathPatternParserServerWebExchangeMatcher("/logout", HttpMethod.POST));
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                .requireCsrfProtectionMatcher(exchange -> CsrfWebFilter.DEFAULT_CSRF_MATCHER
                        .matches(exchange)
                        .filter(m -> m.isMatch()
                                && !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))
                        .flatMap(m -> exemptRoutes.matches(exchange))
                        .filter(m -> !m.isMatch())
                        .flatMap(m -> loginForms.matches(exchange))
                        .flatMap(m -> m.isMatch()
                                ? Mono.just(true)
                                : exchange.getSession().map(WebSession::isStarted))
                        .flatMap(required -> required ? MatchResult.match() : MatchResult.notMatch())
                        .switchIfEmpty(MatchResult.notMatch())));
        http.addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF);
    }

    /** Same-origin content only ({@link #CONTENT_SECURITY_POLICY}), no framing, the referrer kept on this site. */
    private static void headers(ServerHttpSecurity http) {
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.mode(Mode.DENY)));
    }

    /** Maps an OIDC login's role claim to dmdesk authorities and its username claim to the principal name. */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> dmdeskOidcUserService(SecurityProperties properties) {
        OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
        return request -> delegate.loadUser(request).map(user -> {
            Map<String, Object> claims = new LinkedHashMap<>(user.getClaims());
            List<GrantedAuthority> authorities =
                    new ArrayList<>(Claims.roles(claims, properties.oidc().rolesClaim()));
            String nameClaim = claims.containsKey(properties.oidc().usernameClaim())
                    ? properties.oidc().usernameClaim()
                    : "sub";
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
        });
    }

    /** The login page (GET /login): plain HTML with the CSRF field, no scripts. */
    @Bean
    RouterFunction<ServerResponse> dmdeskLoginPage(
            SecurityProperties properties, ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
        return LoginPage.route(!properties.users().isEmpty(), loginRegistrations(registrations.getIfAvailable()));
    }

    static ReactiveJwtDecoder jwtDecoder(SecurityProperties.Jwt jwt) {
        String issuer = jwt.issuerUri().toString();
        NimbusReactiveJwtDecoder decoder = jwt.jwkSetUri() != null
                ? NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString())
                        .build()
                : NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        if (jwt.audience() != null && !jwt.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.contains(jwt.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Registrations people log in with (authorization code), not client-credentials ones for services. */
    static List<ClientRegistration> loginRegistrations(ReactiveClientRegistrationRepository repository) {
        List<ClientRegistration> logins = new ArrayList<>();
        if (repository instanceof InMemoryReactiveClientRegistrationRepository memory) {
            memory.forEach(r -> {
                if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(r.getAuthorizationGrantType())) {
                    logins.add(r);
                }
            });
        }
        return logins;
    }

    /** 401 without a Basic challenge for script requests, so a browser never shows its own password dialog. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        if (!exchange.getRequest().getHeaders().containsHeader("X-Requested-With")) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dmdesk\"");
        }
        return response.setComplete();
    }

    private static Mono<Void> notAudited(Throwable e) {
        log.warn(
                "A sign-in failure or sign-out could not be audited ({}); it took effect anyway",
                e.getClass().getSimpleName());
        return Mono.empty();
    }

    /** Makes the lazily created CSRF token materialise, so browser responses carry the XSRF-TOKEN cookie. */
    private static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                return chain.filter(exchange);
            }
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
        };
    }
}
