package com.atrium.household;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The client's administration section (on the client page): secondary adviser. The workgroup move lives in the workgroup module. */
@Controller
class ClientAdministrationController {
    private final HouseholdService households;

    ClientAdministrationController(HouseholdService households) {
        this.households = households;
    }

    @PostMapping("/clients/{id}/secondary-adviser")
    String setSecondary(Actor actor, @PathVariable long id, @RequestParam(required = false) Long userId, RedirectAttributes flash) {
        try {
            ClientView client = households.setSecondaryAdviser(actor, id, userId);
            flash.addFlashAttribute("adminMessage", client.secondaryAdviser() == null ? "Secondary adviser cleared."
                    : client.secondaryAdviser().name() + " is now the secondary adviser.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("adminError", e.getMessage());
        }
        return "redirect:/clients/" + id + "#administration";
    }
}
