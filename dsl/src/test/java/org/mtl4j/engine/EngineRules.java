package org.mtl4j.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine boundary as ArchUnit rules, shared by the dsl's and kernel-ext's architecture tests:
 * PyTorch-specific code only in {@code org.mtl4j.engine}, and no tensor op with a Java number
 * operand anywhere else (DJL frees the temporary scalar tensor at once, so a garbage collection
 * between forward and backward corrupts the gradients; see {@link Scalars}).
 *
 * <p>Example: {@code EngineRules.noNumberOperands().check(classes)}
 */
public final class EngineRules {

    /** The package allowed to use PyTorch directly. */
    public static final String ENGINE = "org.mtl4j.engine..";

    private EngineRules() {}

    /** No class outside the engine package uses a class of DJL's PyTorch engine. */
    public static ArchRule noPyTorchOutsideEngine() {
        return noClasses().that().resideOutsideOfPackage(ENGINE)
                .should().dependOnClassesThat().resideInAPackage("ai.djl.pytorch..")
                .because("PyTorch-specific calls go through org.mtl4j.engine (Torch, NoGrad)");
    }

    /**
     * No class outside the engine package uses DJL's {@code Adam} or {@code AdamW} (nor their
     * builders, {@code Optimizer.adam()}, {@code Optimizer.adamW()}): every Adam update runs in
     * {@link FusedAdam}.
     */
    public static ArchRule noDjlAdamOutsideEngine() {
        return noClasses().that().resideOutsideOfPackage(ENGINE)
                .should().dependOnClassesThat()
                .haveNameMatching("ai\\.djl\\.training\\.optimizer\\.AdamW?(\\$.*)?")
                .because("mtl4j has one Adam, org.mtl4j.engine.FusedAdam (FusedAdamOptimizer for"
                        + " one array at a time)");
    }

    /**
     * No class outside the engine package calls an {@code NDArray} (or {@code NDArrays}) method
     * that takes a {@code java.lang.Number}: {@code mul(Number)}, {@code add(Number)}, {@code
     * sub}, {@code div}, {@code pow}, {@code maximum}, {@code muli}…
     */
    public static ArchRule noNumberOperands() {
        return noClasses().that().resideOutsideOfPackage(ENGINE)
                .should().callMethodWhere(TENSOR_OP_WITH_NUMBER)
                .because("a Number operand becomes a short-lived tensor whose buffer DJL frees"
                        + " before backward; multiply by a Scalars tensor instead");
    }

    private static final DescribedPredicate<JavaMethodCall> TENSOR_OP_WITH_NUMBER =
            DescribedPredicate.describe("an NDArray op with a java.lang.Number operand", call -> {
                JavaClass owner = call.getTargetOwner();
                boolean tensor = owner.isAssignableTo(NDArray.class)
                        || owner.isEquivalentTo(NDArrays.class);
                return tensor && call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(type -> type.isEquivalentTo(Number.class));
            });
}
