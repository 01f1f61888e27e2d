package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.mtl4j.weighting.MgdaWeighting;
import org.mtl4j.weighting.NashMtlWeighting;
import org.mtl4j.weighting.Weighting;

/** MGDA's and Nash-MTL's options are saved, and files from before the options still load. */
class WeightingOptionsJsonTest {

    @Test
    void optionsRoundTrip() {
        Weighting mgda = new MgdaWeighting().normalize("loss+");
        Weighting nash = new NashMtlWeighting().maxNorm(1).updateEvery(5);

        assertThat(RecordJson.read(RecordJson.write(mgda), Weighting.class)).isEqualTo(mgda);
        assertThat(RecordJson.read(RecordJson.write(nash), Weighting.class)).isEqualTo(nash);
    }

    @Test
    void filesWithoutTheOptionsLoadWithTheDefaults() {
        assertThat(RecordJson.read(JsonParser.parseString("{\"type\":\"MgdaWeighting\"}"),
                Weighting.class)).isEqualTo(new MgdaWeighting());
        assertThat(RecordJson.read(JsonParser.parseString("{\"type\":\"NashMtlWeighting\"}"),
                Weighting.class)).isEqualTo(new NashMtlWeighting());
    }
}
