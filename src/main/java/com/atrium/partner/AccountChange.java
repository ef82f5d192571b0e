package com.atrium.partner;

/** A change of licence tier and/or paid status (null: unchanged). An account goes from free trial to paid, not back. */
public record AccountChange(Licence licence, Boolean paid) {
}
