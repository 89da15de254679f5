package io.dmdesk.sandbox.control;

import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(basePackageClasses = ControlExceptionHandler.class)
class ControlExceptionHandler {

    /** Names the field, so the citizen page and tests can point at what to fix. */
    @ExceptionHandler(InvalidCitizenMessage.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidCitizenMessage e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_field");
        body.put("field", e.field());
        body.put("message", e.getMessage());
        return ResponseEntity.badRequest().body(body);
    }
}
