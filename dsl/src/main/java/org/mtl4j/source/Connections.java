package org.mtl4j.source;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new JDBC connection for each pass over a source (the caller closes it). */
@FunctionalInterface
interface Connections {

    Connection open() throws SQLException;
}
