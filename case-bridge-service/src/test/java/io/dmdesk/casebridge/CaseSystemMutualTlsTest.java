package io.dmdesk.casebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mutual TLS towards the case system: against an HTTPS server that requires a client certificate (key
 * material made by keytool for this test only), the bridge presents its configured certificate and the record
 * is opened; without it the handshake fails and the report waits, not lost; unusable key stores stop start-up
 * naming the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseSystemMutualTlsTest {

    private Path dir;
    private HttpsServer server;
    /** The client certificate subject of every request that reached the case system. */
    private final List<String> clients = new CopyOnWriteArrayList<>();

    private final List<String> externalIds = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("casebridge-mtls");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file("server.p12"),
                "-storepass",
                "server-pass");
        keytool(
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=dmdesk-client",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file("client.p12"),
                "-storepass",
                "client-pass");
        keytool(
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                file("server.p12"),
                "-storepass",
                "server-pass",
                "-file",
                file("server.cer"));
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                file("server.cer"),
                "-storetype",
                "PKCS12",
                "-keystore",
                file("client-trust.p12"),
                "-storepass",
                "trust-pass");
        keytool(
                "-exportcert",
                "-alias",
                "client",
                "-keystore",
                file("client.p12"),
                "-storepass",
                "client-pass",
                "-file",
                file("client.cer"));
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "client",
                "-file",
                file("client.cer"),
                "-storetype",
                "PKCS12",
                "-keystore",
                file("server-trust.p12"),
                "-storepass",
                "server-pass");

        SSLContext ssl = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store("server.p12", "server-pass"), "server-pass".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store("server-trust.p12", "server-pass"));
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true); // no client certificate, no connection
                params.setSSLParameters(p);
            }
        });
        server.createContext("/v1/records", exchange -> {
            clients.add(((HttpsExchange) exchange)
                    .getSSLSession()
                    .getPeerPrincipal()
                    .getName());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            externalIds.add(EventJson.mapper().readTree(body).path("externalId").asString());
            byte[] answer = ("{\"reference\":\"CAS-TLS-" + externalIds.size() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutTheClientCertificateTheReportWaitsAndWithItTheRecordIsOpened() {
        TriagedReport report = Events.triaged("my bike was stolen outside the station");
        String database = ServiceArgs.freshDatabase("casebridge");
        try (var bridge = CaseBridgeApplication.builder().run(args(database, false))) {
            TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
            await().pollDelay(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> true);
            assertThat(externalIds)
                    .as("the handshake fails without a client certificate")
                    .doesNotContain(report.reportId());
        }
        try (var bridge = CaseBridgeApplication.builder().run(args(database, true))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> externalIds.contains(report.reportId()));
        }
        assertThat(clients).isNotEmpty().allMatch(subject -> subject.equals("CN=dmdesk-client"));
        assertThat(externalIds).containsOnlyOnce(report.reportId());
        assertThat(TestKafka.records(Topics.CASES_OPENED.name()))
                .extracting(r -> r.key())
                .contains(report.reportId());
    }

    @Test
    void aKeyStoreThatCannotBeOpenedStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> CaseBridgeApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--CASE_SYSTEM_URL=https://localhost:"
                                        + server.getAddress().getPort(),
                                "--CASE_SYSTEM_TOKEN_URL=",
                                "--CASE_SYSTEM_TOKEN=tls-token",
                                "--casebridge.case-system.tls.key-store=" + file("client.p12"),
                                "--casebridge.case-system.tls.key-store-password=wrong"))
                        .close())
                .hasStackTraceContaining("casebridge.case-system.tls.key-store: " + file("client.p12")
                        + " cannot be opened (wrong casebridge.case-system.tls.key-store-password or type?)");
        assertThatThrownBy(() -> CaseBridgeApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--CASE_SYSTEM_URL=https://localhost:"
                                        + server.getAddress().getPort(),
                                "--CASE_SYSTEM_TOKEN_URL=",
                                "--CASE_SYSTEM_TOKEN=tls-token",
                                "--casebridge.case-system.tls.key-store=" + file("client-trust.p12"),
                                "--casebridge.case-system.tls.key-store-password=trust-pass"))
                        .close())
                .hasStackTraceContaining("holds no private key");
    }

    private String[] args(String database, boolean withClientCertificate) {
        List<String> args = new ArrayList<>(List.of(
                "--CASE_SYSTEM_URL=https://localhost:" + server.getAddress().getPort(),
                "--CASE_SYSTEM_TOKEN_URL=",
                "--CASE_SYSTEM_TOKEN=tls-token",
                "--dmdesk.kafka.outage-max-back-off=PT1S",
                "--casebridge.case-system.timeout=PT2S",
                "--casebridge.case-system.tls.trust-store=" + file("client-trust.p12"),
                "--casebridge.case-system.tls.trust-store-password=trust-pass"));
        if (withClientCertificate) {
            args.add("--casebridge.case-system.tls.key-store=" + file("client.p12"));
            args.add("--casebridge.case-system.tls.key-store-password=client-pass");
        }
        return ServiceArgs.of(database, args.toArray(String[]::new));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private KeyStore store(String name, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }
}
