package io.dmdesk.support.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the bcrypt hash of a password for {@code dmdesk.security.users[n].password-hash}. The password is read
 * from the console without echo (or one line of standard input), never from the command line, so it stays out
 * of shell history and process lists. Run from any service's exec jar:
 * <pre>java -cp triage-service/target/triage-service-0.1.0-SNAPSHOT-exec.jar \
 *   -Dloader.main=io.dmdesk.support.security.PasswordHash org.springframework.boot.loader.launch.PropertiesLauncher</pre>
 */
public final class PasswordHash {

    public static void main(String[] args) throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 12) {
            System.err.println("a password of at least 12 characters is required");
            System.exit(2);
        }
        System.out.println(new BCryptPasswordEncoder(10).encode(new String(password)));
    }

    private PasswordHash() {}
}
