package org.mtl4j.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.kernel.JShellEvaluator;
import org.mtl4j.kernel.Mtl4jExtension;

/** README's recipes run, and its two commands are the ones CI runs. */
class ReadmeTest {

    private static final Path README = Path.of("../README.md");
    private static JShellEvaluator java;

    @BeforeAll
    static void start() {
        java = new JShellEvaluator(List.of());
        java.eval(Mtl4jExtension.IMPORTS);
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    static List<String> recipes() throws Exception {
        String text = Files.readString(README);
        String section = text.substring(text.indexOf("## Recipes"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        List<String> blocks = new ArrayList<>();
        Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (java.find()) {
            blocks.add(java.group(1));
        }
        return blocks;
    }

    @Test
    void hasRecipes() throws Exception {
        assertThat(recipes()).hasSizeGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void recipeProducesWhatItsCommentsSay(String recipe) {
        // GIVEN what the recipe's comments say it produces
        List<RecipeChecks.Check> checks = RecipeChecks.of(recipe);
        assertThat(checks).as("expectations of the recipe (add them to RecipeChecks):\n"
                + recipe).isNotEmpty();

        // WHEN it runs
        java.eval(recipe);

        // THEN it produced that
        for (RecipeChecks.Check check : checks) {
            assertThat(java.eval(check.expression())).as(check.expression())
                    .isEqualTo(check.expected());
        }
    }

    @Test
    void everyRecipePastedIntoMtl4jJshellRuns() throws Exception {
        // GIVEN a real jshell tool started by 'mtl4j jshell', its input piped as a paste
        File log = Files.createTempFile("mtl4j-jshell", ".log").toFile();
        Process jshell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"),
                "org.mtl4j.cli.Mtl4jCommand", "jshell")
                .redirectErrorStream(true).redirectOutput(log).start();

        // WHEN every recipe is fed to it as README shows it, then its variables are listed
        try (var in = jshell.getOutputStream()) {
            for (String recipe : recipes()) {
                in.write(recipe.getBytes(UTF_8));
            }
            in.write("/vars\n/exit\n".getBytes(UTF_8));
        }
        boolean ended = jshell.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            jshell.destroyForcibly();
        }
        String output = Files.readString(log.toPath());

        // THEN nothing failed and the recipes' results exist
        assertThat(ended).as(output).isTrue();
        assertThat(output).doesNotContain("|  Error", "|  Exception", "illegal start",
                "|  Caused by");
        assertThat(output).contains("Table predictions", "Table gates", "Table steps",
                "NDArray used");
    }

    @Test
    void startsWithTheMainJobAndTheTestCommandThatCiRuns() throws Exception {
        List<String> lines = Files.readAllLines(README);
        int fence = lines.indexOf("```bash");
        assertThat(fence).isBetween(0, 5);
        assertThat(lines.get(fence + 1)).isEqualTo(".ci/install && notebooks/run-quickstart.sh");
        String tests = lines.get(fence + 2);
        List<String> ci = Files.readAllLines(Path.of("../.ci/run"));
        assertThat(ci.get(ci.size() - 1)).isEqualTo(tests);
    }
}
