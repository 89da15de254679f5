package io.dmdesk.sandbox.cases;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(basePackageClasses = CaseApiExceptionHandler.class)
class CaseApiExceptionHandler {

    @ExceptionHandler(CaseApiException.class)
    ResponseEntity<Map<String, Object>> handle(CaseApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }
}
