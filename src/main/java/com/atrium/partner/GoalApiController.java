package com.atrium.partner;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Goals of a business account (outcomes, confidence, channel) and risk insights, for advisers. */
@RestController
@RequestMapping("/api/partner")
@Tag(name = "Partner portal: goals", description = "Goals, outcomes, confidence updates, goal channels and risk insights")
class GoalApiController {
    private final GoalService goals;

    GoalApiController(GoalService goals) {
        this.goals = goals;
    }

    /**
     * A goal as sent: every field optional on PATCH. {@code level} ORGANISATION or PERSONAL, {@code status} NOT_STARTED,
     * IN_PROGRESS, COMPLETED or CANCELLED, {@code dueOn} YYYY-MM-DD, {@code confidence} 0–100 (new goals only).
     */
    record GoalRequest(String title, String description, Long ownerId, String level, Boolean milestone, String dueOn, String status,
                       Object confidence) {
        GoalForm form() {
            return new GoalForm(title, description, ownerId, level, milestone, dueOn, status, confidence == null ? null : String.valueOf(confidence));
        }
    }

    record ConfidenceRequest(Object confidence, String comment) {
    }

    record MessageRequest(String body) {
    }

    record OutcomeRequest(String title, Object targetValue, Object currentValue, String unit, Boolean done) {
    }

    @GetMapping("/accounts/{id}/goals")
    @Operation(summary = "The account's goals (open ones first)")
    List<GoalSummary> list(Actor actor, @PathVariable long id) {
        return goals.goals(actor, id);
    }

    @PostMapping("/accounts/{id}/goals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a goal (owner: a user of the account or an adviser working on it; default the caller)")
    GoalView create(Actor actor, @PathVariable long id, @RequestBody GoalRequest body) {
        return goals.create(actor, id, body.form());
    }

    @GetMapping("/accounts/{id}/goals/{goalId}")
    @Operation(summary = "One goal: outcomes, confidence history, channel (newest first), what you may do")
    GoalView goal(Actor actor, @PathVariable long id, @PathVariable long goalId) {
        return goals.goal(actor, id, goalId);
    }

    @PatchMapping("/accounts/{id}/goals/{goalId}")
    @Operation(summary = "Change a goal's fields (the confidence changes through POST …/confidence)")
    GoalView update(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestBody GoalRequest body) {
        return goals.update(actor, id, goalId, body.form());
    }

    @DeleteMapping("/accounts/{id}/goals/{goalId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a goal with its outcomes, history and channel (its tasks stay, without the goal)")
    void delete(Actor actor, @PathVariable long id, @PathVariable long goalId) {
        goals.delete(actor, id, goalId);
    }

    @PostMapping("/accounts/{id}/goals/{goalId}/confidence")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Update the confidence index (0–100) with a comment: the owner, the administrator or an adviser in advisor mode")
    GoalView confidence(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestBody ConfidenceRequest body) {
        return goals.updateConfidence(actor, id, goalId, body.confidence() == null ? null : String.valueOf(body.confidence()), body.comment());
    }

    @GetMapping("/accounts/{id}/goals/{goalId}/messages")
    @Operation(summary = "The goal's channel: updates and messages, newest first")
    List<GoalView.Message> messages(Actor actor, @PathVariable long id, @PathVariable long goalId) {
        return goals.goal(actor, id, goalId).channel();
    }

    @PostMapping("/accounts/{id}/goals/{goalId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post a message in the goal's channel")
    List<GoalView.Message> post(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestBody MessageRequest body) {
        return goals.post(actor, id, goalId, body.body()).channel();
    }

    @PostMapping("/accounts/{id}/goals/{goalId}/outcomes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an outcome (a measurable result: title, target, current value, unit)")
    GoalView addOutcome(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestBody OutcomeRequest body) {
        return goals.addOutcome(actor, id, goalId, body.title(), str(body.targetValue()), str(body.currentValue()), body.unit());
    }

    @PatchMapping("/accounts/{id}/goals/{goalId}/outcomes/{outcomeId}")
    @Operation(summary = "Record an outcome's current value and whether it is done")
    GoalView updateOutcome(Actor actor, @PathVariable long id, @PathVariable long goalId, @PathVariable long outcomeId,
                           @RequestBody OutcomeRequest body) {
        return goals.updateOutcome(actor, id, goalId, outcomeId, str(body.currentValue()), Boolean.TRUE.equals(body.done()));
    }

    @GetMapping("/risk-insights")
    @Operation(summary = "Open goals below 60 % confidence across the accounts you may see: level=organisation (milestone goals) or people (any goal); 50 a page, lowest first")
    GoalService.RiskInsights riskInsights(Actor actor, @RequestParam(required = false) String level,
                                          @RequestParam(defaultValue = "0") int page) {
        return goals.riskInsights(actor, level, page);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
