package org.mtl4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void recipeRuns(String recipe) {
        java.eval(recipe);
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
