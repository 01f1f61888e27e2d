package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An exchange too large for one allGather reply is refused with the fix. */
@Tag("unit")
class GatherLimitTest {

    @Test
    void anExchangeUnderTheLimitPassesAndOneOverItIsRefusedNamingSizeAndFix() {
        // GIVEN 4 replicas: a DbMtl state of 2 × 25 million doubles is 2·25e6·32/3 characters
        long dbMtl = 2L * 25_000_000 * 32 / 3;
        assertThatCode(() -> GatherLimit.require(GatherLimit.LIMIT / 4, 4, "x"))
                .doesNotThrowAnyException();
        // 4 replicas of a two-task DbMtl model of 19.9 million parameters at k > 1 (parameters
        // as float32, 16/3 characters each, and 2 × P doubles, 32/3 each) still fit
        assertThatCode(() -> GatherLimit.require((long) ((16.0 / 3 + 2 * 32.0 / 3) * 19_900_000),
                4, "x")).doesNotThrowAnyException();

        assertThatThrownBy(() -> GatherLimit.require(dbMtl, 4, "parameter averaging"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The replicas' parameter averaging exchange is too large for"
                        + " Spark's allGather, whose reply carries every replica's message in"
                        + " one RPC frame of at most 2 GiB. Received: 4 replicas × 533333333"
                        + " characters = 2133333332 characters (limit 2130706431). Use fewer"
                        + " partitions, a smaller model, a weighting without per-parameter state"
                        + " (DbMtl keeps T × P values), or model.fit(...) on one machine.");
    }
}
