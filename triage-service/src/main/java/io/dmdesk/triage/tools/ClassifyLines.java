package io.dmdesk.triage.tools;

import io.dmdesk.contracts.Channel;
import io.dmdesk.triage.classify.Classification;
import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.classify.TriageClassifier;
import io.dmdesk.triage.model.LabelledExamples;
import io.dmdesk.triage.model.TriageModels;
import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.RulesLoader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For testing a lexicon change against a force's own exported messages: reads JSON lines
 * {@code {"id": "...", "text": "...", "channel": "dm"|"mention"}} on stdin and writes one JSON result per line on
 * stdout (the id, then the classification). A line that is not valid JSON gets {@code {"line": n, "error": ...}}
 * and the run goes on. Optional arguments: a rules directory, used like {@code triage.rules-dir}, and a model
 * directory, used like {@code triage.model-dir}.
 */
public final class ClassifyLines {

    public static void main(String[] args) throws IOException {
        // Maven passes an unset -Dtriage.rules-dir / -Dtriage.model-dir as an empty or null argument.
        Path rulesDir = args.length > 0 && args[0] != null && !args[0].isBlank() ? Path.of(args[0]) : null;
        Path modelDir = args.length > 1 && args[1] != null && !args[1].isBlank() ? Path.of(args[1]) : null;
        TriageClassifier classifier = new TriageClassifier(
                new RuleClassifier(new Lexicon(RulesLoader.load(rulesDir))),
                modelDir == null ? TriageModels.bundled() : TriageModels.from(modelDir));
        JsonMapper json = JsonMapper.builder().build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                JsonNode node = json.readTree(line);
                String text = node.path("text").asString("");
                Channel channel = LabelledExamples.channel(node.path("channel").asString("dm"));
                Classification c = classifier.classify(text, channel);
                result.put(
                        "id",
                        node.path("id").isMissingNode()
                                ? String.valueOf(n)
                                : node.path("id").asString());
                result.put("result", c);
            } catch (JacksonException e) {
                result.put("line", n);
                result.put("error", "not a JSON object with a text field");
            }
            out.write(json.writeValueAsString(result));
            out.newLine();
        }
        out.flush();
    }

    private ClassifyLines() {}
}
