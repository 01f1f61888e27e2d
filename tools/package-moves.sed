# Old fully qualified names -> new ones (sed -E). Apply to a branch on the old layout:
#   git ls-files '*.java' '*.md' '*.ipynb' '*.py' '*.sh' '*.mjs' | xargs sed -E -i -f tools/package-moves.sed
# Files that were in package org.mtl4j.spec and used these classes without an import need the
# import added by hand (the compiler names them). Simple-name renames are at the end.

# spec split into inputs, layers, losses, metrics, sharing
s/\borg\.mtl4j\.spec\.Input\b/org.mtl4j.spec.inputs.Input/g
s/\borg\.mtl4j\.spec\.NumericInput\b/org.mtl4j.spec.inputs.NumericInput/g
s/\borg\.mtl4j\.spec\.CategoricalInput\b/org.mtl4j.spec.inputs.CategoricalInput/g
s/\borg\.mtl4j\.spec\.TextInput\b/org.mtl4j.spec.inputs.TextInput/g
s/\borg\.mtl4j\.spec\.InputColumns\b/org.mtl4j.spec.inputs.InputColumns/g
s/\borg\.mtl4j\.spec\.Layer\b/org.mtl4j.spec.layers.Layer/g
s/\borg\.mtl4j\.spec\.Dense\b/org.mtl4j.spec.layers.Dense/g
s/\borg\.mtl4j\.spec\.Relu\b/org.mtl4j.spec.layers.Relu/g
s/\borg\.mtl4j\.spec\.Tanh\b/org.mtl4j.spec.layers.Tanh/g
s/\borg\.mtl4j\.spec\.Sigmoid\b/org.mtl4j.spec.layers.Sigmoid/g
s/\borg\.mtl4j\.spec\.Dropout\b/org.mtl4j.spec.layers.Dropout/g
s/\borg\.mtl4j\.spec\.Loss\b/org.mtl4j.spec.losses.Loss/g
s/\borg\.mtl4j\.spec\.CrossEntropy\b/org.mtl4j.spec.losses.CrossEntropy/g
s/\borg\.mtl4j\.spec\.BinaryCrossEntropy\b/org.mtl4j.spec.losses.BinaryCrossEntropy/g
s/\borg\.mtl4j\.spec\.MeanSquaredError\b/org.mtl4j.spec.losses.MeanSquaredError/g
s/\borg\.mtl4j\.spec\.MeanAbsoluteError\b/org.mtl4j.spec.losses.MeanAbsoluteError/g
s/\borg\.mtl4j\.spec\.Huber\b/org.mtl4j.spec.losses.Huber/g
s/\borg\.mtl4j\.spec\.LabelKind\b/org.mtl4j.spec.losses.LabelKind/g
s/\borg\.mtl4j\.spec\.Metric\b/org.mtl4j.spec.metrics.Metric/g
s/\borg\.mtl4j\.spec\.Accuracy\b/org.mtl4j.spec.metrics.Accuracy/g
s/\borg\.mtl4j\.spec\.MacroF1\b/org.mtl4j.spec.metrics.MacroF1/g
s/\borg\.mtl4j\.spec\.Mae\b/org.mtl4j.spec.metrics.Mae/g
s/\borg\.mtl4j\.spec\.Rmse\b/org.mtl4j.spec.metrics.Rmse/g
s/\borg\.mtl4j\.spec\.TaskPredictions\b/org.mtl4j.spec.metrics.TaskPredictions/g
s/\borg\.mtl4j\.spec\.Sharing\b/org.mtl4j.spec.sharing.Sharing/g
s/\borg\.mtl4j\.spec\.HardSharing\b/org.mtl4j.spec.sharing.HardSharing/g
s/\borg\.mtl4j\.spec\.MixtureOfExperts\b/org.mtl4j.spec.sharing.MixtureOfExperts/g
s/\borg\.mtl4j\.spec\.CrossStitch\b/org.mtl4j.spec.sharing.CrossStitch/g
s/\borg\.mtl4j\.spec\.Layers\b/org.mtl4j.spec.sharing.Layers/g

# PyTorch-specific code: the engine package
s/\borg\.mtl4j\.spec\.Scalars\b/org.mtl4j.engine.Scalars/g

# renames (also the simple name: mtl4j's listener no longer shares DJL's name)
s/\borg\.mtl4j\.train\.TrainingListener\b/org.mtl4j.train.FitListener/g
s/(^|[^.[:alnum:]_])TrainingListener\b/\1FitListener/g

# engine: everything PyTorch-specific (NoGrad and FusedAdam were package-private in train: same-package
# users on other branches need `import org.mtl4j.engine.NoGrad;` / FusedAdam's new Settings argument)
s/\borg\.mtl4j\.train\.NoGrad\b/org.mtl4j.engine.NoGrad/g
s/\borg\.mtl4j\.train\.FusedAdam\b/org.mtl4j.engine.FusedAdam/g

# Changes no sed can make (fix by hand where another branch touches them):
# - files formerly in package org.mtl4j.spec that used moved classes without an import now need one
#   (ModelSpec, TaskSpec stay in org.mtl4j.spec; LabelKind is in spec.losses, TaskPredictions in
#   spec.metrics); test org/mtl4j/spec/MetricTest.java moved to org/mtl4j/spec/metrics/
# - package-private org.mtl4j.train.NoGrad is now public org.mtl4j.engine.NoGrad: train classes and
#   tests that used it unqualified need `import org.mtl4j.engine.NoGrad;`
# - JniUtils/PtNDArray calls outside org.mtl4j.engine: use org.mtl4j.engine.Torch
#   (zeroGrad -> Torch.zeroGradient, getGradient -> Torch.gradient, backward(o, g, retain, false)
#   -> Torch.backward(o, g, retain), split -> Torch.split, get/setNumThreads -> Torch.threads /
#   Torch.setThreads) and NoGrad for isGradMode/setGradMode pairs (EngineBoundaryTest enforces it)
# - FusedAdam.of(optimizer, spec, ...) takes FusedAdam.Settings (train: FusedAdamChoice.settings(spec));
#   FusedAdam.supports(spec) -> FusedAdamChoice.supports(spec)
# - Training.fit(...) and new TrainingLoop(...) take a CheckpointFormat last (ModelFile::write)
# - org.mtl4j.train.FitLock is package-private
# - GradientCheckTest's body is now train/GradientHarness (check(weigher) returns the mismatches)
