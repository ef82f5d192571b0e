package com.atrium.shared;

/** A validated page request: page from 0, size between 1 and 200 (default 25). */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw new InvalidInputException("page", "Page must be 0 or more.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "Page size must be between 1 and " + MAX_SIZE + ".");
        }
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? 25 : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
