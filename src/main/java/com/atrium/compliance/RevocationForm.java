package com.atrium.compliance;

import java.util.List;

/**
 * Rows of the access review to revoke, by their keys ({@code <user id>:<client id>}, or {@code grant:<id>} for an
 * invitation not accepted yet), as the review's {@code key} gives them.
 */
public record RevocationForm(List<String> rows) {
}
