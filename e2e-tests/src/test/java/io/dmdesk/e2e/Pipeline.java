package io.dmdesk.e2e;

import io.dmdesk.audit.AuditApplication;
import io.dmdesk.casebridge.CaseBridgeApplication;
import io.dmdesk.intake.IntakeApplication;
import io.dmdesk.notifier.NotifierApplication;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.triage.TriageApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in one JVM: the sandbox and the five services, each its own Spring context with its own
 * config file, over one real Kafka broker and one MongoDB-protocol store. Databases get a unique suffix so
 * pipelines of different test classes do not see each other's state.
 */
final class Pipeline implements AutoCloseable {

    static final List<String> SERVICES =
            List.of("audit-service", "triage-service", "case-bridge-service", "notifier-service", "intake-service");

    private final String kafka;
    private final String mongo;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
    private ConfigurableApplicationContext sandbox;
    private final List<String> extraArgs = new ArrayList<>();

    private final String[] extra;

    /** @param extra arguments for every service, after the defaults (e.g. {@code ServiceArgs.SEALING}) */
    Pipeline(String kafka, String mongo, String... extra) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.extra = extra;
    }

    Pipeline start() {
        sandbox = SandboxApplication.builder()
                .run("--server.port=0", "--sandbox.data-dir=", "--logging.structured.format.console=");
        SERVICES.forEach(this::start);
        return this;
    }

    /**
     * The system with the operator console: triage starts last so it can be given the notifier's and intake's
     * URLs, plus any extra triage arguments.
     */
    Pipeline startWithConsole(String... triageArgs) {
        sandbox = SandboxApplication.builder()
                .run("--server.port=0", "--sandbox.data-dir=", "--logging.structured.format.console=");
        SERVICES.stream().filter(s -> !s.equals("triage-service")).forEach(this::start);
        List<String> args = new ArrayList<>(List.of(args("triage-service")));
        args.add("--dmdesk.console.notifier-url=" + url("notifier-service"));
        args.add("--dmdesk.console.intake-url=" + url("intake-service"));
        args.addAll(List.of(triageArgs));
        running.put("triage-service", builder("triage-service").get().run(args.toArray(String[]::new)));
        return this;
    }

    /** Only these services, with extra sandbox arguments and extra arguments for every service. */
    Pipeline startOnly(List<String> sandboxArgs, List<String> serviceArgs, String... services) {
        List<String> s = new ArrayList<>(
                List.of("--server.port=0", "--sandbox.data-dir=", "--logging.structured.format.console="));
        s.addAll(sandboxArgs);
        sandbox = SandboxApplication.builder().run(s.toArray(String[]::new));
        extraArgs.addAll(serviceArgs);
        List.of(services).forEach(this::start);
        return this;
    }

    void start(String service) {
        running.put(service, builder(service).get().run(args(service)));
    }

    void stop(String service) {
        ConfigurableApplicationContext context = running.remove(service);
        if (context != null) {
            context.close();
        }
    }

    String sandboxUrl() {
        return "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    String url(String service) {
        return "http://localhost:" + running.get(service).getEnvironment().getProperty("local.server.port");
    }

    String database(String service) {
        return "e2e-" + service + "-" + suffix;
    }

    ConfigurableApplicationContext context(String service) {
        return running.get(service);
    }

    private String[] args(String service) {
        List<String> all = new ArrayList<>(List.of("--SANDBOX_URL=" + sandboxUrl(), "--intake.poll-interval=PT0.2S"));
        all.addAll(List.of(extra));
        all.addAll(extraArgs);
        return ServiceArgs.against(kafka, mongo, database(service), all.toArray(String[]::new));
    }

    private static Supplier<SpringApplicationBuilder> builder(String service) {
        return switch (service) {
            case "intake-service" -> IntakeApplication::builder;
            case "triage-service" -> TriageApplication::builder;
            case "case-bridge-service" -> CaseBridgeApplication::builder;
            case "notifier-service" -> NotifierApplication::builder;
            case "audit-service" -> AuditApplication::builder;
            default -> throw new IllegalArgumentException(service);
        };
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        Collections.reverse(names);
        names.forEach(this::stop);
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
