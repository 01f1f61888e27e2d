package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CellPartsTest {

    private static final CellParts.Magics KNOWN = (name, cell) ->
            cell ? name.equals("time") : List.of("classpath", "time").contains(name);

    @Test
    void lineMagicsSplitTheCodeInOrder() {
        List<CellParts.Part> parts =
                CellParts.of("int a = 1;\n%classpath \"my lib/*.jar\" other\na + 1", KNOWN)
                .parts();

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).code()).isEqualTo("int a = 1;\n");
        assertThat(parts.get(1).magic()).isEqualTo("classpath");
        assertThat(parts.get(1).args()).containsExactly("my lib/*.jar", "other");
        assertThat(parts.get(2).code()).isEqualTo("a + 1\n");
    }

    @Test
    void aCellMagicTakesTheWholeBody() {
        List<CellParts.Part> parts = CellParts.of("\n  %%time\nint a = 1;\n%notAMagicHere", KNOWN)
                .parts();

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.cellMagic()).isTrue();
            assertThat(part.magic()).isEqualTo("time");
            assertThat(part.code()).isEqualTo("int a = 1;\n%notAMagicHere");
        });
    }

    @Test
    void moduloIsNotAMagic() {
        assertThat(CellParts.of("int r = 7 % 3;", KNOWN).parts()).singleElement()
                .satisfies(part -> assertThat(part.magic()).isNull());
    }

    @Test
    void unknownPercentLinesStayCodeAndTimeKeepsItsRawText() {
        List<CellParts.Part> parts = CellParts.of(
                "String f = \"\"\"\n    %s rows\n    \"\"\";\n%time String s = \"a  b\";", KNOWN)
                .parts();

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).code()).contains("%s rows");
        assertThat(parts.get(1).raw()).isEqualTo("String s = \"a  b\";");
    }
}
