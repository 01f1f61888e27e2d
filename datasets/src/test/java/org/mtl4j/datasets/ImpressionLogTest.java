package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@Tag("unit")
class ImpressionLogTest {

    private static final Table LOG = ImpressionLog.create(7).table(200_000, 1);

    @Test
    void hasTheDocumentedColumns() {
        assertThat(LOG.columnNames()).containsExactly("user_id", "item_id", "age", "device",
                "category", "price", "click", "conversion");
        assertThat(LOG.stringColumn("user_id").get(0)).matches("u[0-9]+");
    }

    @Test
    void sameSeedsGiveTheSameLog() {
        Table again = ImpressionLog.create(7).table(1_000, 1);
        assertThat(again.stringColumn("click").asList())
                .isEqualTo(LOG.first(1_000).stringColumn("click").asList());
        assertThat(ImpressionLog.create(8).table(1_000, 1).stringColumn("item_id").asList())
                .isNotEqualTo(again.stringColumn("item_id").asList());
    }

    @Test
    void aConversionOnlyFollowsAClickAndTheRatesAreTheDocumentedOnes() {
        long clicks = LOG.stringColumn("click").isEqualTo("yes").size();
        long conversions = LOG.stringColumn("conversion").isEqualTo("yes").size();
        long convertedWithoutClick = LOG.where(LOG.stringColumn("conversion").isEqualTo("yes")
                .and(LOG.stringColumn("click").isEqualTo("no"))).rowCount();
        System.out.printf("click rate %.4f, conversions per click %.4f, per impression %.4f%n",
                (double) clicks / LOG.rowCount(), (double) conversions / clicks,
                (double) conversions / LOG.rowCount());
        assertThat(convertedWithoutClick).isZero();
        assertThat((double) clicks / LOG.rowCount()).isBetween(0.07, 0.10);
        assertThat((double) conversions / clicks).isBetween(0.2, 0.3);
    }

    @Test
    void priceLowersConversionAfterAClickButHardlyTheClick() {
        // the planted difference: the clicked rows convert less when the item is dear, while
        // the click itself does not look at the price
        Table cheap = LOG.where(LOG.doubleColumn("price").isLessThan(15));
        Table dear = LOG.where(LOG.doubleColumn("price").isGreaterThan(40));
        double cheapCtr = rate(cheap, "click");
        double dearCtr = rate(dear, "click");
        double cheapCvr = rate(cheap.where(cheap.stringColumn("click").isEqualTo("yes")),
                "conversion");
        double dearCvr = rate(dear.where(dear.stringColumn("click").isEqualTo("yes")),
                "conversion");
        System.out.printf("click rate cheap %.4f dear %.4f; conversion per click cheap %.4f"
                + " dear %.4f%n", cheapCtr, dearCtr, cheapCvr, dearCvr);
        assertThat(cheapCvr).isGreaterThan(1.5 * dearCvr);
        assertThat(Math.abs(cheapCtr - dearCtr)).isLessThan(0.25 * cheapCtr);
    }

    @Test
    void popularItemsAreShownMoreOften() {
        long first = LOG.stringColumn("item_id").isEqualTo("i1").size();
        long hundredth = LOG.stringColumn("item_id").isEqualTo("i100").size();
        // P(i) ∝ 1 / i^0.8: item 1 about 100^0.8 ≈ 40 times as often as item 100
        assertThat((double) first / hundredth).isBetween(25.0, 60.0);
    }

    @Test
    void badSizesAreRefusedWithTheFix() {
        assertThatThrownBy(() -> ImpressionLog.create(0, 5, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There must be at least one user and one item. Received: users=0,"
                        + " items=5. Use e.g. create(2000, 500, 0.5, seed).");
        assertThatThrownBy(() -> ImpressionLog.create(7).table(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must be at least 1. Received: rows=0. Use e.g. 50000.");
    }

    private static double rate(Table rows, String column) {
        return (double) rows.stringColumn(column).isEqualTo("yes").size() / rows.rowCount();
    }
}
