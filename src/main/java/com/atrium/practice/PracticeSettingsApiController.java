package com.atrium.practice;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The practice's settings over JSON (practice managers): refusals are RFC 9457 problems with errors per field. */
@RestController
@Tag(name = "Practice", description = "The caller, and the staff of their practice")
class PracticeSettingsApiController {
    private final PracticeSettings settings;

    PracticeSettingsApiController(PracticeSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/practice")
    @Operation(summary = "The caller's practice settings (practice managers only)", description = "name, currency (ISO 4217), locale "
            + "(BCP 47), example (an amount as the practice writes it), amountsRecorded, currencyLocked (the currency cannot change "
            + "once amounts are recorded: Atrium does not convert them)")
    PracticeSettings.View get(Actor actor) {
        return settings.view(actor);
    }

    @PatchMapping("/api/practice")
    @Operation(summary = "Change the practice's name, currency or locale (practice managers only)", description = "Merge-style: "
            + "absent fields stay. Every refusal at once as a 400 problem with errors per field; nothing changes then. Audited.")
    PracticeSettings.View update(Actor actor, @RequestBody PracticeSettings.Patch patch) {
        return settings.update(actor, patch);
    }
}
