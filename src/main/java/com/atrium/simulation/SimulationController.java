package com.atrium.simulation;

import com.atrium.shared.ClientFileRead;
import com.atrium.household.FamilyService;
import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The client file's Simulation tab (staff with RUN_SIMULATIONS): run a projection and see the stored ones. */
@Controller
class SimulationController {
    private final SimulationService simulations;
    private final HouseholdService households;
    private final FamilyService family;

    SimulationController(SimulationService simulations, HouseholdService households, FamilyService family) {
        this.simulations = simulations;
        this.households = households;
        this.family = family;
    }

    @ClientFileRead(ClientFileRead.Kind.SIMULATION)
    @GetMapping("/clients/{id}/simulation")
    String page(Actor actor, @PathVariable long id, Model model) {
        fill(actor, id, model);
        return "simulation/simulation";
    }

    @PostMapping("/clients/{id}/simulation")
    String run(Actor actor, @PathVariable long id, @RequestParam(required = false) Long deceasedPersonId, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        try {
            simulations.run(actor, id, new SimulationForm(deceasedPersonId));
        } catch (InvalidInputException e) {
            fill(actor, id, model);
            model.addAttribute("error", e.getMessage());
            response.setStatus(400);
            return "simulation/simulation";
        }
        redirect.addFlashAttribute("message", "Simulation run and saved.");
        return "redirect:/clients/" + id + "/simulation";
    }

    private void fill(Actor actor, long id, Model model) {
        model.addAttribute("simulations", simulations.list(actor, id)); // RUN_SIMULATIONS first: 403/404 before anything else
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("people", family.family(actor, id).people());
    }
}
