package io.dmdesk.sandbox.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulated force case system's REST API: idempotent record creation, notes, and reads. */
@RestController
@RequestMapping("/case-api/v1/records")
class CaseRecordsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final List<String> REQUIRED = List.of("externalId", "category", "urgency", "narrative");

    private final CaseStore store;
    private final JsonMapper mapper;
    private final CaseTokens tokens;

    CaseRecordsController(CaseStore store, JsonMapper mapper, CaseTokens tokens) {
        this.store = store;
        this.mapper = mapper;
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> open(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody(required = false) String body) {
        authenticate(authorization);
        String key = requireKey(idempotencyKey);
        JsonNode json = parse(body);
        CaseStore.Stored<CaseRecord> stored = store.open(key, json, CaseRecordsController::validate);
        return respond(stored.replayed(), CaseJson.created(stored.value()));
    }

    @PostMapping("/{reference}/notes")
    ResponseEntity<Map<String, Object>> addNote(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @PathVariable String reference,
            @RequestBody(required = false) String body) {
        authenticate(authorization);
        String key = requireKey(idempotencyKey);
        JsonNode json = parse(body);
        CaseStore.Stored<CaseNote> stored = store.addNote(reference, key, () -> noteDraft(json))
                .orElseThrow(() -> CaseApiException.notFound(reference));
        return respond(stored.replayed(), CaseJson.note(reference, stored.value(), false));
    }

    @GetMapping("/{reference}")
    Map<String, Object> get(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String reference) {
        authenticate(authorization);
        return store.find(reference)
                .map(record -> CaseJson.full(record, false))
                .orElseThrow(() -> CaseApiException.notFound(reference));
    }

    private static ResponseEntity<Map<String, Object>> respond(boolean replayed, Map<String, Object> body) {
        if (replayed) {
            return ResponseEntity.ok().header(REPLAYED, "true").body(body);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    private void authenticate(String authorization) {
        // The static token or an issued OAuth2 access token (compared in constant time).
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !tokens.valid(authorization.substring(7).trim())) {
            throw CaseApiException.unauthorized();
        }
    }

    private static String requireKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw CaseApiException.missingIdempotencyKey();
        }
        return idempotencyKey.strip();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode json = body == null ? null : mapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw CaseApiException.invalidJson();
            }
            return json;
        } catch (JacksonException e) {
            throw CaseApiException.invalidJson();
        }
    }

    private static CaseStore.NoteDraft noteDraft(JsonNode body) {
        JsonNode text = body.get("text");
        if (text == null || !text.isString() || text.asString().isBlank()) {
            throw CaseApiException.validationFailed(List.of("text"));
        }
        JsonNode author = body.get("author");
        return new CaseStore.NoteDraft(text.asString(), author != null && author.isString() ? author.asString() : null);
    }

    private static void validate(JsonNode body) {
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            JsonNode value = body.get(field);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw CaseApiException.validationFailed(missing);
        }
    }
}
