package io.dmdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Error texts that go to DLQ headers and logs name what failed and where, never what the input said. */
class ErrorTextTest {

    private static final String MARKER = "Marker" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void aRecordThatIsNotAValidEventIsDescribedWithoutItsContent() {
        String valid = EventJson.toJson(Samples.inbound());
        String[] poison = {
            "{\"schemaVersion\":1,\"messageId\":" + MARKER + "}",
            valid.replace("\"kind\":\"NEW\"", "\"kind\":\"" + MARKER + "\""),
            valid.replace("\"schemaVersion\":1", "\"schemaVersion\":\"" + MARKER + "\""),
            valid.replace("\"text\":\"", "\"text\":[\"" + MARKER + "\"],\"x\":\""),
            valid.replace("\"attachments\":[{", "\"attachments\":[{\"type\":{\"" + MARKER + "\":1},\"x\":{"),
            valid.replace("{\"schemaVersion\"", "{\"platformRefs\":{\"" + MARKER + "\":[1]},\"schemaVersion\""),
            "\"" + MARKER,
        };
        for (String json : poison) {
            assertThat(json).contains(MARKER).isNotEqualTo(valid);
            EventFormatException e = catchThrowableOfType(
                    EventFormatException.class, () -> EventJson.fromJson(json, InboundMessage.class));
            assertThat(e).as(json).isNotNull();
            assertThat(e.getMessage())
                    .as(json)
                    .startsWith("not a valid InboundMessage: ")
                    .doesNotContain(MARKER);
            assertThat(e.getCause())
                    .as("the JSON reader's exception quotes the input")
                    .isNull();
            assertThat(ErrorText.of(e)).doesNotContain(MARKER);
            assertThat(ErrorText.stackTrace(e)).doesNotContain(MARKER);
        }
    }

    @Test
    void jsonErrorsNameThePositionAndTheContractFieldsOnly() {
        String valid = EventJson.toJson(Samples.inbound());
        assertThat(message(valid.replace("\"text\":\"", "\"text\":[\"" + MARKER + "\"],\"x\":\"")))
                .matches("not a valid InboundMessage: MismatchedInputException at line 1, column \\d+ "
                        + "\\(InboundMessage\\.text\\)");
        assertThat(message(valid.replace("\"handle\":\"jane_citizen\"", "\"handle\":[1]")))
                .endsWith("(InboundMessage.author.handle)");
        assertThat(message(valid.replace(
                        "{\"schemaVersion\"", "{\"platformRefs\":{\"" + MARKER + "\":[1]},\"schemaVersion\"")))
                .endsWith("(InboundMessage.platformRefs.?)");
    }

    @Test
    void onlySafeMessagesArePassedOnOfAnExceptionChain() {
        class Refused extends RuntimeException implements SafeMessage {
            Refused(String message, Throwable cause) {
                super(message, cause);
            }
        }
        Exception chain = new IllegalStateException(
                "handler failed on " + MARKER,
                new Refused(
                        "case system refused the report: 422", new IllegalArgumentException("bad value " + MARKER)));
        assertThat(ErrorText.of(chain))
                .isEqualTo("IllegalStateException; caused by Refused: case system refused the"
                        + " report: 422; caused by IllegalArgumentException");
        String trace = ErrorText.stackTrace(chain);
        assertThat(trace)
                .startsWith("java.lang.IllegalStateException\n\tat ")
                .contains("Caused by: java.lang.IllegalArgumentException\n")
                .contains("ErrorTextTest.onlySafeMessagesArePassedOnOfAnExceptionChain")
                .doesNotContain(MARKER)
                .doesNotContain("422");
    }

    private static String message(String json) {
        return catchThrowableOfType(EventFormatException.class, () -> EventJson.fromJson(json, InboundMessage.class))
                .getMessage();
    }
}
