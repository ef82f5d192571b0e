package com.atrium.simulation;

/** What to simulate: the estate of {@code deceasedPersonId} (a person of the household; left out: the holder). */
public record SimulationForm(Long deceasedPersonId) {
}
