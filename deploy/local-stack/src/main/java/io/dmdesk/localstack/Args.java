package io.dmdesk.localstack;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tiny command-line parser: {@code --name value} or {@code --name=value}, falling back to an
 * environment variable, then to a default. {@code --set key=value} may repeat (collected in order).
 */
final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, String> env;

    private Args(Map<String, String> env) {
        this.env = env;
    }

    static Args parse(String[] args, Map<String, String> env) {
        Args parsed = new Args(env);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for --" + name);
                }
                value = args[++i];
            }
            if (name.equals("set")) {
                int kv = value.indexOf('=');
                if (kv <= 0) {
                    throw new IllegalArgumentException("--set expects key=value, got: " + value);
                }
                parsed.overrides.put(value.substring(0, kv), value.substring(kv + 1));
            } else {
                parsed.values.put(name, value);
            }
        }
        return parsed;
    }

    String get(String name, String envName, String defaultValue) {
        String v = values.get(name);
        if (v == null && envName != null) {
            v = env.get(envName);
        }
        return v == null || v.isBlank() ? defaultValue : v;
    }

    int getInt(String name, String envName, int defaultValue) {
        String v = get(name, envName, null);
        return v == null ? defaultValue : Integer.parseInt(v.trim());
    }

    Map<String, String> overrides() {
        return overrides;
    }
}
