package org.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModuleClasses;
import org.mtl4j.fixtures.ScalesByNumber;
import org.mtl4j.fixtures.ScalesByTensor;
import org.mtl4j.fixtures.UpdatesWithDjlsAdam;

/** The engine boundary of the dsl module's main code (see {@link EngineRules}). */
class EngineBoundaryTest {

    private static final JavaClasses MAIN = ModuleClasses.main();

    @Test
    void onlyTheEnginePackageUsesPyTorch() {
        // GIVEN the dsl's main classes, WHEN checked, THEN only org.mtl4j.engine touches PyTorch
        assertThat(MAIN.stream().anyMatch(c -> c.getPackageName().equals("org.mtl4j.engine")))
                .as("the engine package was imported").isTrue();
        EngineRules.noPyTorchOutsideEngine().check(MAIN);
    }

    @Test
    void noTensorOpTakesAJavaNumberOutsideTheEngine() {
        EngineRules.noNumberOperands().check(MAIN);
    }

    @Test
    void noClassOutsideTheEngineUpdatesWithDjlsAdam() {
        EngineRules.noDjlAdamOutsideEngine().check(MAIN);
    }

    @Test
    void theAdamRuleFlagsDjlsAdam() {
        // GIVEN a class outside the engine that steps DJL's Adam, WHEN judged
        EvaluationResult result = EngineRules.noDjlAdamOutsideEngine()
                .evaluate(new ClassFileImporter().importClasses(UpdatesWithDjlsAdam.class));

        // THEN it is a violation that names DJL's Adam
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(
                detail -> assertThat(detail).contains("UpdatesWithDjlsAdam.step(",
                        "ai.djl.training.optimizer.Adam"));
        assertThat(EngineRules.noDjlAdamOutsideEngine().evaluate(new ClassFileImporter()
                .importClasses(ScalesByTensor.class)).hasViolation()).isFalse();
    }

    @Test
    void theNumberRuleFlagsAMulByANumber() {
        // GIVEN a class outside the engine that scales a tensor by a Java number
        JavaClasses offender = new ClassFileImporter().importClasses(ScalesByNumber.class);

        // WHEN the rule judges it
        EvaluationResult result = EngineRules.noNumberOperands().evaluate(offender);

        // THEN it is a violation that names the call
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains("ScalesByNumber.half(", "NDArray.mul(java.lang.Number)");
    }

    @Test
    void theNumberRuleAcceptsATensorOperand() {
        JavaClasses clean = new ClassFileImporter().importClasses(ScalesByTensor.class);

        assertThat(EngineRules.noNumberOperands().evaluate(clean).hasViolation()).isFalse();
    }
}
