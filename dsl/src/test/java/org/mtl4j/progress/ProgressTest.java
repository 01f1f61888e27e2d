package org.mtl4j.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    /** Records what a bar was asked to show, as "show: line" and "end: line". */
    static final class RecordingBar implements ProgressBar {
        final List<String> shown = new ArrayList<>();

        @Override
        public void show(long done, long total, String line) {
            shown.add("show " + done + "/" + total + ": " + line);
        }

        @Override
        public void end(long done, long total, String line) {
            shown.add("end: " + line);
        }
    }

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theTextSaysDoneOfTotalElapsedAndLeft() {
        assertThat(ProgressText.running("configurations", 3, 10, 18))
                .isEqualTo("3/10 configurations · 0:18 elapsed · 0:42 left");
        assertThat(ProgressText.running("seeds", 0, 10, 2)).isEqualTo("0/10 seeds · 0:02 elapsed");
        assertThat(ProgressText.ended("configurations", 10, 10, 85))
                .isEqualTo("10/10 configurations in 1:25");
        assertThat(ProgressText.ended("seeds", 3, 10, 40))
                .isEqualTo("stopped at 3/10 seeds after 0:40");
        assertThat(ProgressText.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void quickWorkShowsNothingAndLongWorkShowsAfterTheDelay() {
        AtomicLong now = new AtomicLong();
        RecordingBar quickBar = new RecordingBar();
        Progress quick = new Progress("rows predicted", 8192, 1.0, now::get, () -> quickBar);
        now.set(SECOND / 2);
        quick.advance(4096);
        quick.advance(8192);
        quick.end();

        RecordingBar slowBar = new RecordingBar();
        Progress slow = new Progress("rows predicted", 12288, 1.0, now::get, () -> slowBar);
        now.addAndGet(SECOND / 2);
        slow.advance(4096);
        now.addAndGet(SECOND);
        slow.advance(8192);
        now.addAndGet(SECOND / 10);
        slow.advance(10000);
        now.addAndGet(SECOND);
        slow.advance(12288);
        slow.end();
        slow.end();

        assertThat(quickBar.shown).isEmpty();
        assertThat(slowBar.shown).containsExactly(
                "show 8192/12288: 8192/12288 rows predicted · 0:02 elapsed · 0:01 left",
                "show 12288/12288: 12288/12288 rows predicted · 0:03 elapsed",
                "end: 12288/12288 rows predicted in 0:03");
    }

    @Test
    void aLoopCountsItsItemsAsItTakesThem() {
        RecordingBar bar = new RecordingBar();
        Progress.install(() -> bar);
        try {
            List<String> seen = new ArrayList<>();
            for (String config : Progress.over("configurations", List.of("a", "b", "c"))) {
                seen.add(config);
            }

            assertThat(seen).containsExactly("a", "b", "c");
            assertThat(bar.shown.get(0)).startsWith("show 0/3: 0/3 configurations · 0:00 elapsed");
            assertThat(bar.shown.get(bar.shown.size() - 1))
                    .matches("end: 3/3 configurations in 0:0\\d");
        } finally {
            Progress.install(null);
        }
    }

    @Test
    void workInsideALoopShowsNoBarOfItsOwnAndAfterItDoes() {
        RecordingBar bar = new RecordingBar();
        Progress.install(() -> bar);
        try {
            AtomicLong now = new AtomicLong();
            for (String run : Progress.over("runs", List.of("a", "b"))) {
                Progress evaluation = Progress.delayed("rows evaluated", 10, now::get);
                now.addAndGet(2 * SECOND);
                evaluation.advance(10);
                evaluation.end();
            }
            assertThat(bar.shown).noneMatch(line -> line.contains("rows evaluated"));

            Progress after = Progress.delayed("rows evaluated", 10, now::get);
            now.addAndGet(2 * SECOND);
            after.advance(10);
            after.end();
            assertThat(bar.shown).contains("end: 10/10 rows evaluated in 0:02");
        } finally {
            Progress.install(null);
        }
    }
}
