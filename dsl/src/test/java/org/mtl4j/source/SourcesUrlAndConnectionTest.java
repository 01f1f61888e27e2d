package org.mtl4j.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** URLs in messages hide their secrets; a non-DuckDB connection goes back as it was lent. */
@Tag("unit")
class SourcesUrlAndConnectionTest {

    @Test
    void aUrlsUserPasswordAndParametersAreMaskedInMessages() {
        assertThatThrownBy(() -> Sources.sql("jdbc:postgresql://ann:s3cret@db/shop?password=s3cret",
                " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sql(\"jdbc:postgresql://***@db/shop?***\", query) needs a query."
                        + " Received: query=' '. Pass e.g. \"SELECT * FROM clicks\".");
        assertThat(Sources.masked("jdbc:sqlserver://db:1433;user=ann;password=s3cret"))
                .isEqualTo("jdbc:sqlserver://db:1433;***");
        assertThat(Sources.masked("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
                .isEqualTo("jdbc:oracle:thin:***@db:1521:orcl");
        assertThat(Sources.masked("jdbc:duckdb:")).isEqualTo("jdbc:duckdb:");
        assertThatThrownBy(() -> Sources.sql("postgresql://ann:s3cret@db/shop", "SELECT 1"))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aNonDuckDbConnectionIsRolledBackAndGetsAutocommitBack() throws SQLException {
        // GIVEN an H2 database kept open by a connection of ours, and a source on it that hands
        // out one connection we can look at after the cursor closed it
        String url = "jdbc:h2:mem:fixstream_autocommit;DB_CLOSE_DELAY=-1";
        try (Connection keeper = DriverManager.getConnection(url);
                Statement statement = keeper.createStatement()) {
            statement.execute("CREATE TABLE t (x INT)");
            statement.execute("INSERT INTO t VALUES (1), (2), (3)");
            Connection[] lent = new Connection[1];
            boolean[] autoCommitAtClose = new boolean[1];
            RowSource source = new RowSource("h2", "SELECT x FROM t", () -> {
                Connection real = DriverManager.getConnection(url);
                lent[0] = real;
                return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                autoCommitAtClose[0] = real.getAutoCommit();
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }, false, 2, 0);

            // WHEN every row is read and the cursor closed
            Table rows;
            try (ChunkCursor cursor = source.open()) {
                rows = cursor.readAll();
            }

            // THEN the rows came, and the connection had autocommit back when it was closed
            assertThat(rows.rowCount()).isEqualTo(3);
            assertThat(autoCommitAtClose[0]).isTrue();
            assertThat(lent[0].isClosed()).isTrue();
        }
    }
}
