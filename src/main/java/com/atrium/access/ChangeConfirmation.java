package com.atrium.access;

import java.util.List;
import java.util.Map;

/**
 * What a confirmation step shows before an access change (remove a team member, hand over, withdraw a grant, delete a
 * workgroup, reassign): the question, the what-if ({@link AccessWhatIf}: who loses and who gains access to which
 * clients) and the form that confirms it. Rendered by the fragment {@code access/what-if :: confirm(c)}.
 *
 * @param question     "Remove Priya Shah from the team?"
 * @param effects      the what-if, by person
 * @param action       where the confirmation posts (the change's own endpoint)
 * @param fields       the hidden fields to post with it (the change's parameters)
 * @param confirmLabel the button's words
 * @param cancel       where Cancel goes
 * @param htmxTarget   when the page swaps a panel through htmx: the target's CSS selector, else null
 */
public record ChangeConfirmation(String question, List<AccessDiff.Person> effects, String action, Map<String, String> fields,
                                 String confirmLabel, String cancel, String htmxTarget) {
}
