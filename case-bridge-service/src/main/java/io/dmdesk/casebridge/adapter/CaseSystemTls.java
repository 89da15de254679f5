package io.dmdesk.casebridge.adapter;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * Optional mutual TLS towards the case system: a key store with the client certificate the case system asks
 * for, and a trust store for its server certificate (else the JVM's). Read once at start-up: a missing file,
 * a wrong password or a store without a key stops start-up with a message naming the key.
 */
final class CaseSystemTls {

    static final String PREFIX = "casebridge.case-system.tls.";

    private CaseSystemTls() {}

    /** A WebClient builder that presents the client certificate, or a plain one when no TLS is configured. */
    static WebClient.Builder builder(RestCaseSystemProperties.Tls tls) {
        if (tls == null || !tls.configured()) {
            return WebClient.builder();
        }
        SslContext ssl = sslContext(tls);
        HttpClient client = HttpClient.create().secure(spec -> spec.sslContext(ssl));
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(client));
    }

    static SslContext sslContext(RestCaseSystemProperties.Tls tls) {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (blank(tls.keyStore()) != blank(tls.keyStorePassword())) {
            throw new IllegalStateException(
                    PREFIX + "key-store and " + PREFIX + "key-store-password must be set together");
        }
        if (!blank(tls.keyStore())) {
            KeyStore keys = load("key-store", tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType());
            try {
                if (!Collections.list(keys.aliases()).stream().anyMatch(a -> isKey(keys, a))) {
                    throw new IllegalStateException(PREFIX + "key-store " + tls.keyStore()
                            + " holds no private key: mutual TLS needs the client certificate's key");
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, tls.keyStorePassword().toCharArray());
                builder.keyManager(kmf);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        PREFIX + "key-store " + tls.keyStore() + " cannot be used: " + e.getMessage());
            }
        }
        if (!blank(tls.trustStore())) {
            KeyStore trust = load("trust-store", tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType());
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                builder.trustManager(tmf);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        PREFIX + "trust-store " + tls.trustStore() + " cannot be used: " + e.getMessage());
            }
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException(
                    PREFIX + "key-store / trust-store cannot make a TLS context: " + e.getMessage());
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private static KeyStore load(String key, String path, String password, String type) {
        Path file = Path.of(path.startsWith("file:") ? path.substring(5) : path);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(PREFIX + key + ": " + path + " does not exist or cannot be read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(blank(type) ? "PKCS12" : type);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows as an IOException from load: say which key it is, not the secret.
            throw new IllegalStateException(PREFIX + key + ": " + path + " cannot be opened (wrong " + PREFIX + key
                    + "-password or type?): " + e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
