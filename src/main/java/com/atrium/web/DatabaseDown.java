package com.atrium.web;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises "the database cannot be reached right now" (restarted, failing over, network cut): such a request
 * answers 503 with a clean message, never a 500. The transaction it ran in was rolled back by the database, so
 * nothing of it was written; the connection pool replaces the broken connections by itself.
 */
final class DatabaseDown {
    private DatabaseDown() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessResourceException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    // a rollback or commit that fails at the JDBC level: the connection is gone (the original error is kept aside)
                    || (t instanceof TransactionSystemException ts && (ts.getCause() instanceof java.sql.SQLException
                        || (ts.getApplicationException() != null && is(ts.getApplicationException()))
                        || (ts.getOriginalException() != null && ts.getOriginalException() != ts && is(ts.getOriginalException()))))
                    || (t instanceof java.sql.SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))
                    || (t instanceof java.sql.SQLException s2 && "57P01".equals(s2.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
