package io.dmdesk.deploychecks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the test only when one of the tools is on PATH (and, if probe is given, `tool probe...` exits 0);
 * otherwise it is reported SKIPPED with the reason (which .ci/run lists at the end).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresTool.Condition.class)
@interface RequiresTool {
    /** Any one of these executables is enough. */
    String[] anyOf();

    /** Arguments of a command that must succeed with the found tool, e.g. {"compose", "version"}. */
    String[] probe() default {};

    /** Said in the skip message: what did not run and how to get the tool. */
    String reason();

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<RequiresTool> req =
                    context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresTool.class));
            if (req.isEmpty()) return ConditionEvaluationResult.enabled("no tool required");
            for (String tool : req.get().anyOf()) {
                Path found = Repo.which(tool);
                if (found == null) continue;
                if (req.get().probe().length == 0) return ConditionEvaluationResult.enabled(tool + " at " + found);
                List<String> cmd = new ArrayList<>(List.of(found.toString()));
                cmd.addAll(List.of(req.get().probe()));
                if (Repo.run(Repo.root(), cmd).exitCode() == 0)
                    return ConditionEvaluationResult.enabled(String.join(" ", cmd));
            }
            return ConditionEvaluationResult.disabled(req.get().reason());
        }
    }
}
