package com.atrium.engagement;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A Your Life survey as answered: whose it is (staff name the person; in the portal it is always the logged-in
 * holder's own), a rating 0-10 per dimension (by key, e.g. {@code HEALTH}) and up to ten goals to address.
 */
public record YourLifeForm(Long personId, @Size(max = 20) Map<String, Integer> ratings, @Size(max = 50) List<String> goals) {
}
