package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CellHistoryTest {

    private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

    private static CellHistory history() {
        CellHistory history = new CellHistory();
        history.record(1, "int a = 1;");
        history.record(2, "a + 1");
        history.recordOutput(2, "2");
        history.record(3, "a + 1");
        return history;
    }

    @Test
    void tailRangeAndSearch() {
        CellHistory history = history();

        assertThat(history.lookupTail(2, NONE)).extracting(HistoryEntry::getCellNumber)
                .containsExactly(2, 3);
        assertThat(history.lookupRange(CellHistory.SESSION, 2, 3, NONE))
                .extracting(HistoryEntry::getInput).containsExactly("a + 1");
        assertThat(history.search("a ?*", 10, NONE)).hasSize(2);
        assertThat(history.search("a ?*", 10, EnumSet.of(ResultFlag.UNIQUE)))
                .extracting(HistoryEntry::getCellNumber).containsExactly(3);
    }

    @Test
    void outputsOnlyWhenAsked() {
        CellHistory history = history();

        assertThat(history.lookupTail(3, NONE)).noneMatch(HistoryEntry::hasOutput);
        assertThat(history.lookupTail(3, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)))
                .extracting(HistoryEntry::getOutput).containsExactly("", "2", "");
    }
}
