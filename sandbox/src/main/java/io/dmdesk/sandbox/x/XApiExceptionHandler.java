package io.dmdesk.sandbox.x;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(basePackageClasses = XApiExceptionHandler.class)
class XApiExceptionHandler {

    private static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    @ExceptionHandler(XApiException.class)
    ResponseEntity<Map<String, Object>> handle(XApiException e) {
        return ResponseEntity.status(e.status())
                .headers(e.headers())
                .contentType(PROBLEM_JSON)
                .body(e.problem());
    }
}
