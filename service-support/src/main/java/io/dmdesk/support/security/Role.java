package io.dmdesk.support.security;

/**
 * Who may do what. People: OPERATOR works the queue, SUPERVISOR also does supervisor-only actions, AUDITOR
 * reads the audit trail, ADMIN runs the system (DLQs, actuator). SERVICE is another dmdesk service calling
 * (service accounts only, never a person). Spring authorities are {@code ROLE_<name>}.
 */
public enum Role {
    OPERATOR,
    SUPERVISOR,
    AUDITOR,
    ADMIN,
    SERVICE;

    public String authority() {
        return "ROLE_" + name();
    }
}
