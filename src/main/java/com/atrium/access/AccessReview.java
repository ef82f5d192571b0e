package com.atrium.access;

import java.util.List;

/**
 * One page of the access review: the practice managers (who reach every client of the practice, listed once each, on
 * the first page) and a page of per-client accesses in client-name order.
 */
public record AccessReview(List<ReviewRow> practiceWide, List<ReviewRow> items, int page, int size, long total) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
