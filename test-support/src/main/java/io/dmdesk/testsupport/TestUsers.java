package io.dmdesk.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The fixed users every service started through {@link ServiceArgs} knows, one per role, with known test
 * passwords (bcrypt cost 4, so tests stay fast; these never leave the test classpath). The service account
 * {@code svc-dmdesk} is also what services use for their own calls to each other in tests.
 */
public enum TestUsers {
    OPERATOR("operator", "operator-test-pw", "$2a$04$LtwsqOapbBqAtX28Wo2Z7e0FQvtaLQkx7LgvtAt.VSvXDvBjiDYIa"),
    SUPERVISOR("supervisor", "supervisor-test-pw", "$2a$04$sZ7iIz2VOPAXQSC.7OsExO0DQdLKQJ3K81hM4fmuplI814W/wzKdm"),
    AUDITOR("auditor", "auditor-test-pw", "$2a$04$tv14Ke.0XAlmcZb5dg3O.uw6.yAfU.46/Jr6A6akuLR2PI5x0pxWi"),
    ADMIN("admin", "admin-test-pw", "$2a$04$kxItnWDaxPKHR/BUmsFPHOspfbz.T5yJ.p5XWR2g8CwvvhTYcma6."),
    SERVICE("svc-dmdesk", "svc-dmdesk-test-pw", "$2a$04$Z7jl1tzmCpZG50zRNL5HPOfJ.uZLIK1L/I1sxqXfyo2uhLaSXZwui");

    public final String username;
    public final String password;
    private final String hash;

    TestUsers(String username, String password, String hash) {
        this.username = username;
        this.password = password;
        this.hash = hash;
    }

    /** The role name (dmdesk authority {@code ROLE_<role>}). */
    public String role() {
        return name();
    }

    /** {@code Authorization} header value for HTTP Basic. */
    public String basic() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Arguments that give a service all test users and the service account for its outbound calls. */
    public static List<String> serviceArgs() {
        List<String> args = new ArrayList<>();
        for (TestUsers user : values()) {
            String key = "--dmdesk.security.users[" + user.ordinal() + "].";
            args.add(key + "username=" + user.username);
            args.add(key + "password-hash=" + user.hash);
            args.add(key + "roles=" + user.role());
        }
        args.add("--dmdesk.security.client.username=" + SERVICE.username);
        args.add("--dmdesk.security.client.password=" + SERVICE.password);
        return args;
    }
}
