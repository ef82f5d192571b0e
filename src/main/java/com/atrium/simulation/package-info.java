/**
 * Staff-only estate-transfer simulations on a client file: {@link com.atrium.simulation.EstateProjection}
 * (the rule, pure and unit-tested) and {@link com.atrium.simulation.SimulationService} (runs it on the
 * family and inventories, stores the result). Needs {@code RUN_SIMULATIONS}, which outsiders never have.
 */
package com.atrium.simulation;
