package com.atrium.simulation;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Estate-transfer simulations over JSON: staff with RUN_SIMULATIONS only (403 for others who see the file, 404 for the rest). */
@RestController
@RequestMapping("/api/clients/{id}/simulations")
@Tag(name = "Simulations", description = "Staff-only estate-transfer projection from the family and the inventories (rule in EstateProjection)")
class SimulationApiController {
    private final SimulationService simulations;

    SimulationApiController(SimulationService simulations) {
        this.simulations = simulations;
    }

    @ClientFileRead(ClientFileRead.Kind.SIMULATION)
    @GetMapping
    @Operation(summary = "Stored simulations", description = "The last 50, newest first, each with the full result as computed then.")
    List<SimulationView> list(Actor actor, @PathVariable long id) {
        return simulations.list(actor, id);
    }

    @PostMapping
    @Operation(summary = "Run and store a simulation", description = "Body (optional): {\"deceasedPersonId\": 12}; default: the holder. "
            + "Estate = the person's part of assets minus liabilities; spouse/partner 1/4 and children 3/4 (or all to the children, the "
            + "spouse, else the parents); allowance EUR 100,000 per child or parent, reduced by donations from the deceased in the last "
            + "15 years; the spouse is exempt; direct-line tax scale on the rest.")
    ResponseEntity<SimulationView> run(Actor actor, @PathVariable long id, @RequestBody(required = false) SimulationForm form) {
        SimulationView run = simulations.run(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/simulations/" + run.id())).body(run);
    }
}
