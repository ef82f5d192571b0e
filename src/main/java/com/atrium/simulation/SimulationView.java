package com.atrium.simulation;

import java.time.Instant;

/** A stored simulation: who ran it, when, and the full result as computed then. */
public record SimulationView(long id, Instant createdAt, long createdBy, String createdByName, EstateProjection.Result result) {
}
