package com.atrium.practice;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Practice settings (practice managers): the name, the currency and the locale amounts are written in, as a page
 * (errors on their fields, what was typed kept); the JSON twin is {@link PracticeSettingsApiController}.
 */
@Controller
class PracticeSettingsController {
    private final PracticeSettings settings;

    PracticeSettingsController(PracticeSettings settings) {
        this.settings = settings;
    }

    /** The form as typed (strings, so nothing typed is lost on an error). */
    public static final class Form {
        private String name;
        private String currency;
        private String locale;

        static Form of(PracticeSettings.View v) {
            Form f = new Form();
            f.name = v.name();
            f.currency = v.currency();
            f.locale = v.locale();
            return f;
        }

        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getCurrency() { return currency; }
        public void setCurrency(String v) { currency = v; }
        public String getLocale() { return locale; }
        public void setLocale(String v) { locale = v; }
    }

    @GetMapping("/settings")
    String page(Actor actor, Model model) {
        PracticeSettings.View v = settings.view(actor);
        model.addAttribute("form", Form.of(v));
        return page(v, model);
    }

    @PostMapping("/settings")
    String save(Actor actor, Form form, Model model, HttpServletResponse response) {
        PracticeSettings.View current = settings.view(actor);
        try {
            settings.update(actor, new PracticeSettings.Patch(nz(form.name), nz(form.currency), nz(form.locale)));
            return "redirect:/settings?saved";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("message", e.getMessage());
            model.addAttribute("errors", e.fieldErrors());
        }
        model.addAttribute("form", form);
        return page(current, model);
    }

    private String page(PracticeSettings.View v, Model model) {
        model.addAttribute("settings", v);
        model.addAttribute("currencies", PracticeSettings.OFFERED_CURRENCIES);
        model.addAttribute("locales", PracticeSettings.OFFERED_LOCALES);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "practice/settings";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
