package io.dmdesk.audit.integrity;

import io.dmdesk.audit.integrity.TrailVerifier.Break;
import io.dmdesk.contracts.EventJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an export file offline: no store, no Kafka, no HTTP, only the file and (optionally) the public keys you
 * trust. Recomputes every entry's hash (RFC 8785), every chain and per-report link, and every checkpoint's heads
 * and (with keys) signature; prints the result as JSON and names the first broken entry.
 * <pre>
 * java -cp audit-service-exec.jar -Dloader.main=io.dmdesk.audit.integrity.ExportVerifier \
 *   org.springframework.boot.loader.launch.PropertiesLauncher audit-trail.json --public-key=audit-public.pem
 * </pre>
 * Exit code 0: intact; 1: broken (the first break is named); 2: could not run (unreadable or not an export).
 */
public final class ExportVerifier {

    /**
     * What was checked, and the first break if any.
     *
     * @param scope              "trail" (whole chains: gaps and truncation are detectable) or "report"
     * @param signaturesChecked  false when no public key was given: checkpoint heads are compared, signatures not
     */
    public record Result(
            boolean ok,
            String scope,
            long entries,
            List<Head> chains,
            int checkpoints,
            boolean signaturesChecked,
            Break firstBreak) {}

    /** Duplicate members are refused: two parsers could otherwise read two different values from one file. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String publicKeys = null;
        for (String arg : args) {
            if (arg.startsWith("--public-key=")) {
                publicKeys = arg.substring("--public-key=".length());
            } else if (!arg.isBlank() && file == null) {
                file = arg;
            }
        }
        if (file == null) {
            err.println("usage: <export.json> [--public-key=<PEM file>[,<PEM file of a retired key>...]]");
            return 2;
        }
        try {
            Map<String, PublicKey> keys = null;
            if (publicKeys != null && !publicKeys.isBlank()) {
                keys = new LinkedHashMap<>();
                for (String pem : publicKeys.split(",")) {
                    PublicKey key = SigningKey.readPublic(Path.of(pem.trim()));
                    keys.put(SigningKey.keyId(key), key);
                }
            } else {
                err.println("no --public-key: checkpoint signatures are not checked, only the heads they name");
            }
            Result result = verify(STRICT.readValue(Files.readString(Path.of(file)), Map.class), keys);
            out.println(EventJson.toJson(result));
            return result.ok() ? 0 : 1;
        } catch (IOException
                | UncheckedIOException
                | JacksonException
                | IllegalArgumentException
                | IllegalStateException e) {
            err.println("verification could not run: " + e.getMessage());
            return 2;
        }
    }

    /** @param keys verifying keys by key id; null: signatures are not checked */
    @SuppressWarnings("unchecked")
    public static Result verify(Map<String, ?> export, Map<String, PublicKey> keys) {
        String format = String.valueOf(export.get("format"));
        if (!"dmdesk-audit-export/v2".equals(format)) {
            throw new IllegalArgumentException("not a dmdesk-audit-export/v2 file (format " + format + ")");
        }
        String scope = String.valueOf(export.get("scope"));
        if (!scope.equals("trail") && !scope.equals("report")) {
            throw new IllegalArgumentException("unknown scope " + scope + " (trail or report)");
        }
        List<Map<String, ?>> entries = objects(export.get("entries"), "entries");
        List<Map<String, ?>> checkpoints =
                export.containsKey("checkpoints") ? objects(export.get("checkpoints"), "checkpoints") : List.of();
        Set<Integer> chains = null;
        if (export.get("chains") instanceof List<?> listed) {
            chains = new LinkedHashSet<>();
            for (Object c : listed) {
                if (!(c instanceof Number n)) {
                    throw new IllegalArgumentException("chains must be numbers");
                }
                chains.add(n.intValue());
            }
        }
        ChainCheck check = new ChainCheck(checkpoints, keys, scope.equals("trail"));
        Break broken = null;
        for (Map<String, ?> entry : entries) {
            broken = check.entry(entry);
            if (broken != null) {
                break;
            }
        }
        if (broken == null) {
            broken = check.end(chains);
        }
        return new Result(
                broken == null, scope, check.entries(), check.heads(), check.checkpoints(), keys != null, broken);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, ?>> objects(Object value, String name) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(name + " must be a list");
        }
        List<Map<String, ?>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(name + " must hold objects only");
            }
            out.add((Map<String, ?>) map);
        }
        return out;
    }

    private ExportVerifier() {}
}
