package com.atrium.engagement;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** Investment preferences as answered: the person (staff only; the portal answers for the holder) and question -> answer keys. */
public record PreferencesForm(Long personId, @Size(max = 30) Map<String, String> answers) {
}
