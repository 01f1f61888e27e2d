package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;

/** Files that are not complete mtl4j models fail to load with a message naming file and fault. */
class BadModelFileTest {

    @TempDir
    static Path folder;

    private static Path good;

    @BeforeAll
    static void saveOne() {
        good = folder.resolve("good.mtl4j");
        try (MultiTaskModel model = SaveLoadTest.model()) {
            model.fit(SaveLoadTest.table(100, 3), epochs(1), quiet());
            model.save(good);
        }
    }

    @Test
    void aMissingFileNamesThePath() {
        Path missing = folder.resolve("nothing.mtl4j");
        assertThatThrownBy(() -> MultiTaskModel.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model file '" + missing + "' does not exist. Save a model with"
                        + " model.save(path) first, or check the path.");
    }

    @Test
    void aFileThatIsNotAZipIsNotAModel() throws IOException {
        Path text = folder.resolve("notes.txt");
        Files.writeString(text, "just some notes");
        assertThatThrownBy(() -> MultiTaskModel.load(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("File '" + text + "' is not an mtl4j model: it is not a zip archive."
                        + " Load a file written by model.save(path).");
    }

    @Test
    void aZipWithoutManifestIsNotAModel() throws IOException {
        Path zip = folder.resolve("other.zip");
        Files.write(zip, zipOf("readme.txt", "hello"));
        assertThatThrownBy(() -> MultiTaskModel.load(zip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("File '" + zip + "' is not an mtl4j model: it is a zip archive"
                        + " without manifest.json. Load a file written by model.save(path).");
    }

    @Test
    void aManifestOfAnotherFormatIsNotAModel() throws IOException {
        Path zip = folder.resolve("other-format.zip");
        Files.write(zip, zipOf("manifest.json", "{\"format\": \"keras\"}"));
        assertThatThrownBy(() -> MultiTaskModel.load(zip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("File '" + zip + "' is not an mtl4j model: its manifest.json has"
                        + " format \"keras\", not \"mtl4j-model\". Load a file written by"
                        + " model.save(path).");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithBothVersions() throws IOException {
        Path newer = folder.resolve("newer.mtl4j");
        rewriteManifest(newer, manifest -> manifest.replace("\"formatVersion\": 1",
                "\"formatVersion\": 99"));
        assertThatThrownBy(() -> MultiTaskModel.load(newer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model file '" + newer + "' has format version 99, but this mtl4j ("
                        + ModelFile.mtl4jVersion() + ") reads versions 1 to 1. Load it with the"
                        + " mtl4j that saved it (\"" + ModelFile.mtl4jVersion() + "\") or a"
                        + " newer one.");
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        for (int length : new int[] {bytes.length / 2, bytes.length - 10}) {
            Path cut = folder.resolve("cut-" + length + ".mtl4j");
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> MultiTaskModel.load(cut))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Model file '" + cut + "' is truncated or corrupt: ")
                    .hasMessageEndingWith(". Load an earlier copy, or train and save the model"
                            + " again.");
        }
    }

    @Test
    void aFlippedByteInsideTheTensorsFailsTheCrcCheck() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        long offset;
        try (ZipFile zip = new ZipFile(good.toFile())) {
            // the last parameter's data starts after the local header; flip a byte inside it
            ZipEntry last = zip.stream().reduce((a, b) -> b).orElseThrow();
            offset = bytes.length - 200 - last.getName().length();
        }
        bytes[(int) offset] ^= 0x5A;
        Path corrupt = folder.resolve("corrupt.mtl4j");
        Files.write(corrupt, bytes);
        assertThatThrownBy(() -> MultiTaskModel.load(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model file '" + corrupt + "' is truncated or corrupt: ");
    }

    @Test
    void aManifestWithAnUnknownLayerIsCorruptAndNamesTheField() throws IOException {
        Path odd = folder.resolve("odd.mtl4j");
        rewriteManifest(odd, manifest -> manifest.replaceFirst("\"type\": \"Dense\"",
                "\"type\": \"Conv3d\""));
        assertThatThrownBy(() -> MultiTaskModel.load(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model file '" + odd + "' is corrupt: ModelSpec.sharing:"
                        + " HardSharing.trunk: expected a Layer but found type \"Conv3d\". Load"
                        + " an earlier copy, or train and save the model again.");
    }

    @Test
    void aParameterOfTheWrongShapeIsCorrupt() throws IOException {
        Path wrong = folder.resolve("wrong-shape.mtl4j");
        rewriteManifest(wrong, manifest -> manifest.replaceFirst("\"units\": 16",
                "\"units\": 17"));
        assertThatThrownBy(() -> MultiTaskModel.load(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model file '" + wrong + "' is corrupt:"
                        + " parameters/01sharing_01trunk_01Linear_weight.npy has shape (16, 9)"
                        + " where the spec makes (17, 9). Load an earlier copy, or train and"
                        + " save the model again.");
    }

    @Test
    void savingOntoAFolderSaysToGiveAFileName() {
        try (MultiTaskModel model = MultiTaskModel.load(good)) {
            assertThatThrownBy(() -> model.save(folder))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("save() needs a file path, but '" + folder + "' is a folder. Use"
                            + " e.g. model.save(Path.of(\"" + folder.resolve("model.mtl4j")
                            + "\")).");
        }
    }

    @Test
    void savingAnUntrainedModelSaysToFitFirst() {
        try (MultiTaskModel model = SaveLoadTest.model()) {
            assertThatThrownBy(() -> model.save(folder.resolve("untrained.mtl4j")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The model is not trained yet, so it cannot save. Call"
                            + " model.fit(table, ...) first.");
        }
        assertThat(folder.resolve("untrained.mtl4j")).doesNotExist();
    }

    /** A strategy of the user's own: averages the task gradients. */
    private static final class Average implements org.mtl4j.weighting.GradientWeighting {
        @Override
        public org.mtl4j.weighting.GradientRule rule(
                org.mtl4j.weighting.WeightingContext context) {
            return gram -> {
                double[] weights = new double[gram.length];
                java.util.Arrays.fill(weights, 1.0 / Math.max(1, gram.length));
                return weights;
            };
        }

        @Override
        public String toString() {
            return "average()";
        }
    }

    @Test
    void aWeightingOfYourOwnCannotBeSavedAndNothingIsWritten() {
        Path file = folder.resolve("own.mtl4j");
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(4), relu())
                .task("mass").head(dense(1)).loss(mse())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .weighting(new Average())
                .build()) {
            model.fit(SaveLoadTest.table(60, 8), epochs(1), quiet());
            assertThatThrownBy(() -> model.save(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A saved model can only hold mtl4j's own declarations, but it"
                            + " contains average() (org.mtl4j.persist.BadModelFileTest$Average)."
                            + " Use one of the built-in strategies and layers (equal(),"
                            + " uncertainty(), pcgrad(), ...), or save the parameters yourself"
                            + " with model.parts().get().block().saveParameters(...).");
        }
        assertThat(file).doesNotExist();
    }

    /** A copy of the good file with its manifest changed. */
    private static void rewriteManifest(Path target,
            java.util.function.UnaryOperator<String> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(good.toFile());
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("manifest.json")) {
                    bytes = change.apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        Files.write(target, out.toByteArray());
    }

    private static byte[] zipOf(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
