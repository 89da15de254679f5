package io.dmdesk.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * What went wrong, told without any of the input. Exception messages often quote what they failed on: Jackson
 * quotes the offending token or value, HTTP clients the URL (with a bot token), frameworks the failed message.
 * These texts go where personal data must not (DLQ headers, logs), so they keep only exception classes, the
 * messages of {@link SafeMessage} exceptions, and for JSON errors the position and the contract fields involved.
 */
public final class ErrorText {

    private static final int MAX_CHAIN = 12;
    private static final int MAX_FRAMES = 16;

    /** One line: each exception of the cause chain, outermost first, e.g. {@code A; caused by B: reason}. */
    public static String of(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t : chain(error)) {
            parts.add(describe(t));
        }
        return String.join("; caused by ", parts);
    }

    /** A stack trace with classes and frames only, no messages: where it failed, not on what. */
    public static String stackTrace(Throwable error) {
        StringBuilder out = new StringBuilder();
        StackTraceElement[] enclosing = null;
        for (Throwable t : chain(error)) {
            if (enclosing != null) {
                out.append("Caused by: ");
            }
            out.append(t.getClass().getName()).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            int shared = enclosing == null ? 0 : sharedTail(frames, enclosing);
            int shown = Math.min(frames.length - shared, MAX_FRAMES);
            for (int i = 0; i < shown; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > shown) {
                out.append("\t... ").append(frames.length - shown).append(" more\n");
            }
            enclosing = frames;
        }
        return out.toString();
    }

    /**
     * A JSON error as its type, position and the path of contract fields it happened in, e.g. {@code
     * MismatchedInputException at line 1, column 404 (InboundMessage.text)}. A path step that is not a field of a
     * contract record (a map key, a field the sender made up) shows as {@code ?}: it came from the input.
     */
    public static String jackson(JacksonException e) {
        StringBuilder out = new StringBuilder(e.getClass().getSimpleName());
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            out.append(" at line ")
                    .append(location.getLineNr())
                    .append(", column ")
                    .append(location.getColumnNr());
        }
        List<JacksonException.Reference> path = e.getPath();
        if (!path.isEmpty()) {
            StringBuilder where = new StringBuilder();
            for (JacksonException.Reference step : path) {
                Class<?> from = step.from() instanceof Class<?> c
                        ? c
                        : step.from() == null ? null : step.from().getClass();
                if (where.isEmpty() && from != null && isContractRecord(from)) {
                    where.append(from.getSimpleName());
                }
                if (step.getIndex() >= 0) {
                    where.append('[').append(step.getIndex()).append(']');
                } else {
                    where.append('.').append(isComponent(from, step.getPropertyName()) ? step.getPropertyName() : "?");
                }
            }
            out.append(" (").append(where).append(')');
        }
        return out.toString();
    }

    private static String describe(Throwable t) {
        if (t instanceof JacksonException j) {
            return jackson(j);
        }
        String name = t.getClass().getSimpleName().isEmpty()
                ? t.getClass().getName()
                : t.getClass().getSimpleName();
        return t instanceof SafeMessage && t.getMessage() != null ? name + ": " + t.getMessage() : name;
    }

    private static boolean isContractRecord(Class<?> type) {
        return type.isRecord() && type.getPackageName().equals(ErrorText.class.getPackageName());
    }

    private static boolean isComponent(Class<?> type, String name) {
        if (type == null || name == null || !isContractRecord(type)) {
            return false;
        }
        for (var component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t) && chain.size() < MAX_CHAIN; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static int sharedTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return frames.length - 1 - m;
    }

    private ErrorText() {}
}
