package com.atrium.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which facts of the dataset the run loads and checks. Outsider grants are generated always, but loaded into
 * Atrium and the peers (and so compared and measured) only when Atrium's schema has an outsider-grant table
 * that {@link AtriumLoader} knows how to fill; until then the outsiders exist as accounts without any path,
 * in all three engines alike.
 */
public record Features(boolean outsiderGrants) {
    public static final Features NONE = new Features(false);

    /** The table {@link AtriumLoader} writes grants to, once the outsider module (issue 5) has landed. */
    static final String OUTSIDER_GRANT_TABLE = "access_grant";

    /** Looks at the migrated schema. */
    public static Features detect(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, "public", OUTSIDER_GRANT_TABLE, new String[] {"TABLE"})) {
            return new Features(rs.next() && AtriumLoader.SUPPORTS_OUTSIDER_GRANTS);
        }
    }
}
