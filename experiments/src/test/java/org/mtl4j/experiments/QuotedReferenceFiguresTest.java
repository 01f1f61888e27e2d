package org.mtl4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * README and the task-weighting notebook quote the committed reference figures, as the reports
 * print them: regenerating the figures without updating the quotes fails here.
 */
@Tag("unit")
class QuotedReferenceFiguresTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void readmeAndTheNotebookQuoteTheGradNormToyReference() throws IOException {
        ReferenceFigures reference = ReferenceFigures.load("gradnorm-toy");
        String readme = reproduced(Files.readString(ROOT.resolve("README.md")));
        String notebook = markdown(ROOT.resolve("notebooks/04-task-weighting.ipynb"));
        notebook = notebook.substring(notebook.indexOf("### The GradNorm toy problem"));

        for (String strategy : GradNormToyReport.STRATEGIES) {
            ReferenceFigures.Result figures = reference.result(strategy);
            String[] inReadme = row(readme, "`" + strategy + "`");
            String[] inNotebook = row(notebook, "`" + strategy + "`");
            for (String[] cells : List.of(inReadme, inNotebook)) {
                assertThat(cells[2]).as(strategy).isEqualTo(figures.meanAndSpread(3));
                assertThat(cells[4]).as(strategy)
                        .isEqualTo(Stats.pair(GradNormToyReport.firstWeights(figures)));
            }
            // the mtl4j figures of one run of GradNormToyReport, in both
            assertThat(inNotebook[1]).as(strategy).isEqualTo(inReadme[1]);
            assertThat(inNotebook[3]).as(strategy).isEqualTo(inReadme[3]);
        }
    }

    @Test
    void readmeQuotesTheMmoeReference() throws IOException {
        ReferenceFigures reference = ReferenceFigures.load("mmoe-synthetic");
        String readme = reproduced(Files.readString(ROOT.resolve("README.md")));

        for (String key : reference.results().keySet()) {
            String[] parts = key.split(" ");
            String[] cells = row(readme, parts[0] + " | " + parts[1]);
            assertThat(cells[3]).as(key).isEqualTo(reference.result(key).meanAndSpread(4));
        }
    }

    /** README's section "Reproduced experiments". */
    private static String reproduced(String readme) {
        int start = readme.indexOf("\n## Reproduced experiments\n");
        assertThat(start).as("README's section 'Reproduced experiments'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    /** The cells of the one table row of {@code text} that starts with {@code first}. */
    private static String[] row(String text, String first) {
        List<String> rows = text.lines().filter(line -> line.startsWith("| " + first + " |"))
                .toList();
        assertThat(rows).as("rows starting with '| " + first + " |'").hasSize(1);
        return Arrays.stream(rows.get(0).substring(1).split("\\|")).map(String::trim)
                .toArray(String[]::new);
    }

    /** The Markdown cells of a notebook, joined. */
    private static String markdown(Path notebook) throws IOException {
        var cells = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject()
                .getAsJsonArray("cells");
        return StreamSupport.stream(cells.spliterator(), false)
                .map(cell -> cell.getAsJsonObject())
                .filter(cell -> cell.get("cell_type").getAsString().equals("markdown"))
                .map(cell -> StreamSupport.stream(cell.getAsJsonArray("source").spliterator(),
                        false).map(line -> line.getAsString()).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }
}
