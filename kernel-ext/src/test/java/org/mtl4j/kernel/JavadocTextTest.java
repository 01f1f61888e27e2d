package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

    @Test
    void inlineTagsBecomeTheirText() {
        assertThat(JavadocText.plain("Creates a new top-level {@code NDManager} on {@link Device}."
                + " See {@link #fit(Table) fitting} and {@link Model#newModel(String)}."))
                .isEqualTo("Creates a new top-level NDManager on Device. See fitting and"
                        + " Model.newModel(String).");
    }

    @Test
    void paragraphsListsAndEntitiesBecomePlainText() {
        assertThat(JavadocText.plain("First.\n\n <p>Second &lt;T&gt; &amp; more.<ul><li>one"
                + "<li>two</ul>\n @param x the <b>x</b>"))
                .isEqualTo("First.\n\nSecond <T> & more.\n- one\n- two\n@param x the x");
    }
}
