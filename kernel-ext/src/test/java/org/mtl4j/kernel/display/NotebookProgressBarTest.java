package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class NotebookProgressBarTest {

    @Test
    void oneOutputCreatedAtTheFirstUpdateAndThenUpdatedInPlace() {
        List<String> sent = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        DisplaySink sink = new DisplaySink() {
            @Override
            public void display(DisplayData data) {
                ids.add(data.getDisplayId());
                sent.add("display " + data.getData(MIMEType.TEXT_PLAIN));
            }

            @Override
            public void update(String id, DisplayData data) {
                ids.add(id);
                sent.add("update " + data.getData(MIMEType.TEXT_PLAIN));
            }
        };
        NotebookProgressBar bar = new NotebookProgressBar(sink);

        bar.show(0, 3, "0/3 seeds · 0:00 elapsed");
        bar.show(1, 3, "1/3 seeds · 0:05 elapsed · 0:10 left");
        bar.end(3, 3, "3/3 seeds in 0:15");

        assertThat(sent).containsExactly("display 0/3 seeds · 0:00 elapsed",
                "update 1/3 seeds · 0:05 elapsed · 0:10 left", "update 3/3 seeds in 0:15");
        assertThat(ids).doesNotContainNull().containsOnly(ids.get(0));
        assertThat((String) NotebookProgressBar.data(1, 3, "a < b").getData(MIMEType.TEXT_HTML))
                .isEqualTo("<div class=\"mtl4j-loop-progress\"><progress value=\"1\" max=\"3\""
                        + " style=\"width:40%\"></progress> a &lt; b</div>");
    }
}
