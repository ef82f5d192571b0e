package com.atrium.crm;

import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Practice settings → Integrations: the list, adding one (type XPLAN), the id-mapping check and import, the details,
 * the consent round trip, Sync now with its progress (htmx polls the run while it is in progress), the runs and their
 * problems, deletion (said before it is done); and the client file's Insurance tab.
 */
@Controller
class IntegrationController {
    private final CrmService crm;
    private final HouseholdService households;

    IntegrationController(CrmService crm, HouseholdService households) {
        this.crm = crm;
        this.households = households;
    }

    @GetMapping("/settings/integrations")
    String list(Actor actor, Model model) {
        model.addAttribute("integrations", crm.list(actor));
        model.addAttribute("types", CrmType.values());
        return "crm/integrations";
    }

    @PostMapping("/settings/integrations")
    String create(Actor actor, @RequestParam(required = false) CrmType type) {
        IntegrationView v = crm.create(actor, new NewIntegrationForm(type == null ? CrmType.XPLAN : type, null, null, null, null, null,
                null, null));
        return "redirect:/settings/integrations/" + v.id();
    }

    @GetMapping("/settings/integrations/{id}")
    String detail(Actor actor, @PathVariable long id, Model model) {
        IntegrationView v = crm.get(actor, id);
        model.addAttribute("integration", v);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new IntegrationForm(v.name(), "OAUTH2", v.forwardHost(), v.appId(), null, v.connected() ? v.enabled() : Boolean.TRUE,
                    v.mappingsConfirmed()));
        }
        model.addAttribute("check", crm.mappingCheck(actor, id));
        model.addAttribute("runs", v.connected() ? crm.runs(actor, id) : java.util.List.of());
        return "crm/integration";
    }

    @PostMapping("/settings/integrations/{id}/id-mappings")
    String importMappings(Actor actor, @PathVariable long id, @RequestParam(required = false) MultipartFile file,
                          @RequestParam(required = false) String csv, @RequestParam(defaultValue = "preview") String action,
                          Model model) throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
        try {
            MappingPreview preview = crm.importMappings(actor, id, text, !"import".equals(action));
            model.addAttribute("preview", preview);
            model.addAttribute("csv", text);
        } catch (InvalidInputException e) {
            model.addAttribute("importError", e.getMessage());
            model.addAttribute("csv", text);
        }
        return detail(actor, id, model);
    }

    @PostMapping("/settings/integrations/{id}/confirm")
    String confirm(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed, Model model) {
        if (!confirmed) {
            model.addAttribute("confirmError", "Tick the box to confirm that clients existing in both systems carry their CRM id.");
            return detail(actor, id, model);
        }
        crm.confirmMappings(actor, id);
        return "redirect:/settings/integrations/" + id;
    }

    /** Saves the details; "Proceed" then sends the manager to the CRM's consent page. */
    @PostMapping("/settings/integrations/{id}")
    String save(Actor actor, @PathVariable long id, @ModelAttribute("form") IntegrationForm form,
                @RequestParam(defaultValue = "save") String action, Model model) {
        try {
            IntegrationView v = crm.update(actor, id, new IntegrationForm(form.name(), form.authMode(), form.forwardHost(), form.appId(),
                    form.clientSecret(), form.enabled() != null && form.enabled(), null));
            if ("proceed".equals(action) && !v.connected() && v.consentUrl() != null) {
                // a link, not a form redirect: the Content-Security-Policy (form-action 'self') stops a form from leaving Atrium
                return "redirect:/settings/integrations/" + id + "?consent";
            }
            return "redirect:/settings/integrations/" + id + "?saved";
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>(e.fieldErrors());
            model.addAttribute("errors", errors);
            model.addAttribute("message", e.getMessage());
            return detail(actor, id, model);
        }
    }

    /** Where the CRM sends the browser back (Spring Security has exchanged the code by then, or the consent was refused). */
    @GetMapping(CrmOAuth.CALLBACK + "{registrationId}")
    String callback(Actor actor, @PathVariable String registrationId, @RequestParam(required = false) String error,
                    RedirectAttributes flash) {
        long id = CrmOAuth.integrationId(registrationId).orElseThrow(() -> new com.atrium.shared.NotFoundException("Integration"));
        if (error != null) {
            crm.consentRefused(actor, id, error);
            flash.addFlashAttribute("flashError", "access_denied".equals(error)
                    ? "Xplan's consent was refused (No): the integration is not connected. Proceed again to connect it."
                    : "Xplan did not connect the integration (" + error + "). Check the app id and secret, then proceed again.");
            return "redirect:/settings/integrations/" + id;
        }
        try {
            IntegrationView v = crm.connected(actor, id);
            flash.addFlashAttribute("flashSuccess", "Connected as " + v.connectedAs() + ".");
        } catch (ConflictException | CrmUnavailableException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/settings/integrations/" + id;
    }

    @PostMapping("/settings/integrations/{id}/runs")
    String syncNow(Actor actor, @PathVariable long id, Model model, HttpServletRequest request) {
        try {
            SyncRunView run = crm.startRun(actor, id);
            model.addAttribute("run", run);
        } catch (ConflictException e) {
            model.addAttribute("runError", e.getMessage());
            crm.runs(actor, id).stream().filter(SyncRunView::running).findFirst().ifPresent(r -> model.addAttribute("run", r));
        }
        model.addAttribute("integration", crm.get(actor, id));
        if (htmx(request)) {
            return "crm/integration :: progress";
        }
        return detail(actor, id, model);
    }

    @GetMapping("/settings/integrations/{id}/runs/{runId}")
    String run(Actor actor, @PathVariable long id, @PathVariable long runId, Model model, HttpServletRequest request) {
        model.addAttribute("integration", crm.get(actor, id));
        model.addAttribute("run", crm.run(actor, id, runId));
        return htmx(request) ? "crm/integration :: progress" : "crm/run";
    }

    @GetMapping("/settings/integrations/{id}/delete")
    String confirmDelete(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("integration", crm.get(actor, id));
        model.addAttribute("notice", crm.deletionNotice(actor, id));
        return "crm/delete";
    }

    @PostMapping("/settings/integrations/{id}/delete")
    String delete(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        crm.delete(actor, id);
        flash.addFlashAttribute("flashSuccess", "The integration was deleted.");
        return "redirect:/settings/integrations";
    }

    @com.atrium.shared.ClientFileRead(com.atrium.shared.ClientFileRead.Kind.INSURANCE)
    @GetMapping("/clients/{id}/insurance")
    String insurance(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("insurance", crm.insurance(actor, id));
        return "crm/insurance";
    }

    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
    }
}
