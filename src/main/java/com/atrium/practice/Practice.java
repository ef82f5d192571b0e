package com.atrium.practice;

/** A practice: the tenant everything belongs to. */
public record Practice(long id, String name) {
}
