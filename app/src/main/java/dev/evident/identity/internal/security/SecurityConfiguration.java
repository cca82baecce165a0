package dev.evident.identity.internal.security;

import dev.evident.identity.internal.SignInService;
import dev.evident.identity.internal.TokenService;
import dev.evident.shared.problem.ProblemResponses;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Permission;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Three filter chains: static files (public, and never touching a session), the API (stateless,
 * bearer tokens, no CSRF since no cookies are honoured) and the browser UI (database-backed
 * sessions, form sign-in, CSRF on every form). Fine-grained permissions are enforced per
 * controller method by {@link PermissionInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    /** The evidence preview (evidence.internal.ui.EvidenceDetailPage), which decides its own framing. */
    static final java.util.regex.Pattern EVIDENCE_PREVIEW = java.util.regex.Pattern.compile("/evidence/[^/]+/preview");

    private final PermissionInterceptor permissionInterceptor;
    private final ActorArgumentResolver actorArgumentResolver;

    SecurityConfiguration(PermissionInterceptor permissionInterceptor, ActorArgumentResolver actorArgumentResolver) {
        this.permissionInterceptor = permissionInterceptor;
        this.actorArgumentResolver = actorArgumentResolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(permissionInterceptor);
    }

    @Override
    public void addArgumentResolvers(List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(actorArgumentResolver);
    }

    /** Argon2id for new hashes; the prefix lets the algorithm change later without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }

    /** No user-details lookup exists: sign-in goes through {@link PasswordAuthenticationProvider} only. */
    @Bean
    UserDetailsService noUserDetails() {
        return username -> {
            throw new UsernameNotFoundException("Evident authenticates through its own provider");
        };
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** Static files are public, read-only and never see the session: see {@link StaticFiles}. */
    @Bean
    @Order(0)
    SecurityFilterChain staticChain(HttpSecurity http) throws Exception {
        http.securityMatcher(StaticFiles::matches)
                .sessionManagement(s -> s.disable())
                .securityContext(sc -> sc.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable()) // read-only: anything but GET and HEAD is refused below
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .requestMatchers(HttpMethod.HEAD).permitAll()
                        .anyRequest().denyAll());
        pageHeaders(http);
        return http.build();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> staticFilesWithoutSession() {
        var registration = new FilterRegistrationBean<>(StaticFiles.withoutSession());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, TokenService tokens) throws Exception {
        http.securityMatcher("/api/v1/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // streamed responses finish on an async dispatch, errors on an error dispatch:
                        // the original request was already authorized
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(Permission.METRICS_READ.authority())
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(req, res,
                                ProblemType.UNAUTHENTICATED, "Send an API token: Authorization: Bearer <token>"))
                        .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(req, res,
                                ProblemType.FORBIDDEN, "The API token's role does not allow this")))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, SignInService signIn, Clock clock,
                                 SecurityContextRepository contextRepository) throws Exception {
        var provider = new PasswordAuthenticationProvider(signIn, clock);
        var requestCache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null); // no "?continue" in the address bar
        var successHandler = new SavedRequestAwareAuthenticationSuccessHandler();
        successHandler.setDefaultTargetUrl("/");
        successHandler.setRequestCache(requestCache);
        http.authenticationManager(new ProviderManager(provider))
                .securityContext(sc -> sc.securityContextRepository(contextRepository))
                // a new session on sign-in rather than a renamed one: see SessionRenewal
                .sessionManagement(s -> s.sessionFixation(f -> f.migrateSession()))
                .requestCache(cache -> cache.requestCache(requestCache))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/setup", "/invite/**", "/error", "/api/docs", "/api/docs/**",
                                "/api/swagger-ui/**", "/api/openapi.json", "/api/openapi.json/**", "/swagger-ui/**",
                                "/v3/api-docs/**", "/api/problems", "/api/problems/**").permitAll()
                        .requestMatchers("/login/two-factor").hasAuthority(SecondFactorPending.AUTHORITY)
                        .anyRequest().hasAuthority(PasswordAuthenticationProvider.USER_AUTHORITY))
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                        .usernameParameter("email").passwordParameter("password")
                        .authenticationDetailsSource(WebAuthenticationDetails::new)
                        .successHandler((req, res, auth) -> {
                            if (auth instanceof SecondFactorPending) {
                                res.sendRedirect(req.getContextPath() + "/login/two-factor");
                            } else {
                                successHandler.onAuthenticationSuccess(req, res, auth);
                            }
                        })
                        .failureHandler((req, res, ex) -> {
                            req.getSession().setAttribute("evident.signInError", ex.getMessage());
                            req.getSession().setAttribute("evident.signInEmail", req.getParameter("email"));
                            res.sendRedirect(req.getContextPath() + "/login?error");
                        }))
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null && auth.getPrincipal() instanceof SessionUser user) {
                                signIn.signedOut(user.userId(), req.getRemoteAddr());
                            }
                        })
                        .logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> {
                    if (!SecurityContextRoles.signedIn()) {
                        res.sendRedirect(req.getContextPath() + "/login");
                    } else {
                        res.sendError(403);
                    }
                }));
        pageHeaders(http);
        return http.build();
    }

    /** The browser-facing headers: Content-Security-Policy, referrer policy, framing. */
    private static void pageHeaders(HttpSecurity http) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                // X-Frame-Options: DENY everywhere except an evidence preview, which sets its own
                // (SAMEORIGIN for a PDF its evidence page frames, DENY otherwise)
                .frameOptions(f -> f.disable())
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        request -> !EVIDENCE_PREVIEW.matcher(request.getRequestURI()
                                .substring(request.getContextPath().length())).matches(),
                        new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY))));
    }
}
