package io.dmdesk.sandbox.platform;

/** A control request a platform cannot simulate; {@link #field()} tells the caller what to fix. */
public class InvalidCitizenMessage extends RuntimeException {

    private final String field;

    public InvalidCitizenMessage(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
