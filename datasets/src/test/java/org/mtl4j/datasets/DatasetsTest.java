package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

@Tag("unit")
class DatasetsTest {

    @ParameterizedTest
    @CsvSource({
        "reviews.csv, ccbe65fb41f523fa151ee6fe344303b51da5ede8992ae9644d0d82bd2b9b1437",
        "penguins.csv, f204db2c753b0937caac3cb35258562c14f073e4bbc76be24b4c51ce22767a93",
        "mnist.u8.gz, e77c10d3b51a498edd5cd650c46549e6af83daa51049c09e755fbea07a51bd8d",
    })
    void shippedFilesAreThoseRegenerateWrites(String file, String sha256) throws Exception {
        try (InputStream in = Datasets.class.getResourceAsStream(file)) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(sha256);
        }
    }

    @Test
    void reviewsHave1000SentencesPerDomainHalfPositive() {
        Table reviews = Datasets.reviews();

        assertThat(reviews.name()).isEqualTo("reviews");
        assertThat(reviews.columnNames()).containsExactly("text", "sentiment", "domain");
        assertThat(reviews.rowCount()).isEqualTo(3000);
        assertThat(reviews.stringColumn("domain").countOccurrences("imdb")).isEqualTo(1000);
        assertThat(reviews.stringColumn("sentiment").countOccurrences("pos")).isEqualTo(1500);
        assertThat(reviews.stringColumn("text").countMissing()).isZero();
        assertThat(reviews.stringColumn("text").get(1)).isEqualTo("Good case, Excellent value.");
    }

    @Test
    void penguinsHaveTheirGaps() {
        Table penguins = Datasets.penguins();

        assertThat(penguins.rowCount()).isEqualTo(344);
        assertThat(penguins.columnNames()).containsExactly("species", "island", "bill_length_mm",
                "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year");
        assertThat(penguins.stringColumn("sex").countMissing()).isEqualTo(11);
        assertThat(penguins.doubleColumn("body_mass_g").countMissing()).isEqualTo(2);
        assertThat(penguins.stringColumn("species").unique().asList())
                .containsExactlyInAnyOrder("Adelie", "Chinstrap", "Gentoo");
        assertThat(penguins.doubleColumn("body_mass_g").get(0)).isEqualTo(3750.0);
    }

    @Test
    void taskCorrelationMatchesTheRequestedCorrelationOfTheLinearParts() {
        TaskCorrelationData data = TaskCorrelationData.create(0.5, 100, 1.0, 0, 0.0, 3);
        Table table = data.table(20_000, 4);

        assertThat(table.columnCount()).isEqualTo(102);
        double r = correlation(table.doubleColumn("y1").asDoubleArray(),
                table.doubleColumn("y2").asDoubleArray());
        assertThat(r).isCloseTo(0.5, within(0.03));
        Table same = TaskCorrelationData.create(1.0, 3).table(500, 1);
        assertThat(same.doubleColumn("y1").asDoubleArray())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1.0 ? 0 : 1)
                .containsExactly(same.doubleColumn("y2").asDoubleArray());
    }

    @Test
    void gradNormToyScalesEachTaskBySigma() {
        Table table = GradNormToy.create(new double[] {1, 100}, 0).table(200, 1);

        assertThat(table.columnCount()).isEqualTo(250 + 2 * 100);
        double max1 = table.doubleColumn("t1_y7").abs().max();
        double max2 = table.doubleColumn("t2_y7").abs().max();
        assertThat(max1).isLessThanOrEqualTo(1.0).isGreaterThan(0.3);
        assertThat(max2).isLessThanOrEqualTo(100.0).isGreaterThan(30.0);
        double norm = 0;
        for (int i = 1; i <= 250; i++) {
            norm += Math.pow(table.doubleColumn("x" + i).get(0), 2);
        }
        assertThat(norm).isCloseTo(1.0, within(1e-9));
    }

    private static double correlation(double[] u, double[] v) {
        double mu = java.util.Arrays.stream(u).average().orElseThrow();
        double mv = java.util.Arrays.stream(v).average().orElseThrow();
        double cov = 0;
        double su = 0;
        double sv = 0;
        for (int i = 0; i < u.length; i++) {
            cov += (u[i] - mu) * (v[i] - mv);
            su += (u[i] - mu) * (u[i] - mu);
            sv += (v[i] - mv) * (v[i] - mv);
        }
        return cov / Math.sqrt(su * sv);
    }
}
