package org.mtl4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RecipeChecksTest {

    @Test
    void columnCommentsBecomeColumnChecks() {
        assertThat(RecipeChecks.of("Table scores = model.evaluate(t);   // task, rows, loss\n"))
                .containsExactly(new RecipeChecks.Check("scores.columnNames()",
                        List.of("task", "rows", "loss")));
    }

    @Test
    void anEllipsisChecksAPrefixAndARangeExpands() {
        assertThat(RecipeChecks.of("Table r = c.table();   // run, task, ...\n"
                + "Table t = d.table(9, 2); // x1..x3, y1\n")).containsExactly(
                new RecipeChecks.Check("r.columnNames().subList(0, 2)", List.of("run", "task")),
                new RecipeChecks.Check("t.columnNames()", List.of("x1", "x2", "x3", "y1")));
    }

    @Test
    void aRecipeWithoutCommentsOrKnownPhrasesHasNoChecks() {
        assertThat(RecipeChecks.of("var model = multiTask().build();\n")).isEmpty();
    }
}
