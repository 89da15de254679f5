package io.dmdesk.triage.model;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Urgency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads labelled messages, one JSON object per line: {@code id}, {@code channel} (dm | mention), {@code language},
 * {@code urgency}, {@code category} and {@code text} with personal data marked inline as
 * {@code [[PHONE:07700 900123]]} (so editing a message never leaves stale offsets). Reading strips the marks and
 * computes the spans. A line that does not follow this shape stops the reading with the source and line named.
 */
public final class LabelledExamples {

    private static final Pattern MARK = Pattern.compile("\\[\\[([A-Z_]+):(.*?)]]");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static List<LabelledExample> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labelled examples " + file, e);
        }
    }

    public static List<LabelledExample> read(InputStream in, String source) throws IOException {
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<LabelledExample> out = new ArrayList<>();
        String[] lines = all.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                out.add(example(JSON.readTree(lines[i])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        source + " line " + (i + 1) + ": not a labelled example (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    /** The plain text of a marked text, with the spans of its marks. */
    public static LabelledExample parse(
            String id, Channel channel, String language, Urgency urgency, Category category, String marked) {
        StringBuilder text = new StringBuilder();
        List<LabelledExample.Span> spans = new ArrayList<>();
        Matcher m = MARK.matcher(marked);
        int at = 0;
        while (m.find()) {
            text.append(marked, at, m.start());
            int start = text.length();
            text.append(m.group(2));
            spans.add(new LabelledExample.Span(m.group(1), start, text.length()));
            at = m.end();
        }
        text.append(marked.substring(at));
        return new LabelledExample(id, channel, language, urgency, category, text.toString(), spans);
    }

    private static LabelledExample example(JsonNode n) {
        return parse(
                n.required("id").asString(),
                channel(n.required("channel").asString()),
                n.required("language").asString(),
                Urgency.valueOf(n.required("urgency").asString()),
                Category.valueOf(n.required("category").asString()),
                n.required("text").asString());
    }

    /**
     * The channel a labelled line names: "mention" (the corpus, the console's export) or "public" (the blind sets
     * and the training batches, whose label definitions say so) is a public message, anything else a DM.
     */
    public static Channel channel(String name) {
        return "mention".equalsIgnoreCase(name) || "public".equalsIgnoreCase(name) ? Channel.PUBLIC : Channel.DM;
    }

    private LabelledExamples() {}
}
