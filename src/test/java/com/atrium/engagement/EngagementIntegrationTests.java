package com.atrium.engagement;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** The engagement tools on PostgreSQL: scores, all errors at once, the portal's own answers, the PDF and the events. */
@IntegrationTest
@RecordApplicationEvents
class EngagementIntegrationTests {
    @Autowired EngagementService engagement;
    @Autowired Fixtures fixtures;
    @Autowired MockMvc mvc;
    @Autowired ApplicationContext context;
    @Autowired ApplicationEvents events;

    static Map<String, Integer> ratings(int health, int relationships, int career, int finances, int leisure, int purpose) {
        Map<String, Integer> r = new LinkedHashMap<>();
        r.put("HEALTH", health);
        r.put("RELATIONSHIPS", relationships);
        r.put("CAREER", career);
        r.put("FINANCES", finances);
        r.put("LEISURE", leisure);
        r.put("PURPOSE", purpose);
        return r;
    }

    static Map<String, String> answers() {
        Map<String, String> a = new LinkedHashMap<>();
        for (InvestmentQuestion q : InvestmentQuestion.values()) {
            a.put(q.name(), q.answers().keySet().stream().skip(1).findFirst().orElseThrow());
        }
        return a;
    }

    @Test
    void yourLifeScoreIsTheMeanOfTheDimensionsAndTheCompletionIsPublishedForTheCrm() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Lifescore");
        long holder = person(c, Relationship.HOLDER).id();
        YourLifeView v = engagement.completeYourLife(p.adviser, c.id(), new YourLifeForm(holder, ratings(8, 7, 6, 5, 4, 9),
                List.of(" Retire at 60 ", "", "Help the kids buy a home")));
        assertThat(v.score()).isEqualTo(65); // (80 + 70 + 60 + 50 + 40 + 90) / 6
        assertThat(v.dimensions()).extracting(YourLifeView.DimensionScore::percent).containsExactly(80, 70, 60, 50, 40, 90);
        assertThat(v.goals()).containsExactly("Retire at 60", "Help the kids buy a home");
        assertThat(v.personName()).isEqualTo("Alex Lifescore");
        List<ClientInteractionRecorded> published = events.stream(ClientInteractionRecorded.class).filter(e -> e.clientId() == c.id()).toList();
        assertThat(published).hasSize(1);
        ClientInteractionRecorded e = published.get(0);
        assertThat(e.kind()).isEqualTo(ClientInteractionRecorded.Kind.YOUR_LIFE_COMPLETED);
        assertThat(e.subject()).isEqualTo("Completed Your Life Survey Alex Lifescore");
        assertThat(e.content()).contains("Your Life Score: 65 %", "- Retire at 60", "- Health and wellbeing: 80 %", "- Purpose and contribution: 90 %");
        assertThat(e.attachment()).isNull();
        assertThat(engagement.overview(p.adviser, c.id()).yourLife()).hasSize(1);
    }

    @Test
    void anIncompleteSurveyNamesEveryMissingAnswerAndSavesNothing() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Missing");
        Map<String, Integer> r = ratings(8, 7, 6, 5, 4, 9);
        r.remove("CAREER");
        r.put("PURPOSE", 11);
        assertThatThrownBy(() -> engagement.completeYourLife(p.adviser, c.id(), new YourLifeForm(null, r, List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("personId", "ratings.CAREER", "ratings.PURPOSE"));
        Map<String, String> a = answers();
        a.remove("ETHICAL");
        a.put("GOAL", "LOTTERY");
        assertThatThrownBy(() -> engagement.completePreferences(p.adviser, c.id(), new PreferencesForm(person(c, Relationship.HOLDER).id(), a)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("answers.ETHICAL", "answers.GOAL"));
        assertThat(engagement.yourLife(p.adviser, c.id())).isEmpty();
        assertThat(engagement.preferences(p.adviser, c.id())).isEmpty();
    }

    @Test
    void aValuesSessionKeepsEachPersonsOrderAndItsProgress() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Values");
        long alex = person(c, Relationship.HOLDER).id();
        long sam = person(c, Relationship.SPOUSE).id();
        ValuesSessionView v = engagement.saveValuesSession(p.adviser, c.id(), new ValuesSessionForm(List.of(
                new ValuesSessionForm.PersonValues(alex, List.of("FAMILY", "HEALTH", "FREEDOM", "LEGACY", "TRAVEL")),
                new ValuesSessionForm.PersonValues(sam, List.of("SECURITY", "FAMILY", "COMMUNITY")))));
        assertThat(v.progress()).isEqualTo(80); // 8 of 10
        assertThat(v.people()).extracting(ValuesSessionView.PersonValues::personName).containsExactly("Alex Values", "Sam Values");
        assertThat(v.people().get(0).labels()).containsExactly("Family", "Health", "Freedom", "Legacy", "Travel");
        ClientInteractionRecorded e = events.stream(ClientInteractionRecorded.class).filter(x -> x.clientId() == c.id()).findFirst().orElseThrow();
        assertThat(e.subject()).isEqualTo("Completed Values Session for Alex Values and Sam Values");
        assertThat(e.content()).contains("Top values of Alex Values:\n1. Family\n2. Health", "Progress score: 80 %");
        assertThatThrownBy(() -> engagement.saveValuesSession(p.adviser, c.id(), new ValuesSessionForm(List.of(
                new ValuesSessionForm.PersonValues(alex, List.of("FAMILY", "FAMILY")), new ValuesSessionForm.PersonValues(sam, List.of("NOPE"))))))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.fieldErrors())
                        .containsOnlyKeys("people[0].values", "people[1].values"));
    }

    @Test
    void theInvestmentPreferencesPdfHoldsEveryAnswerAndIsPublishedWithTheFile() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Prefpdf");
        assertThatThrownBy(() -> engagement.exportPreferences(p.adviser, c.id())).isInstanceOf(ConflictException.class);
        PreferencesView v = engagement.completePreferences(p.adviser, c.id(), new PreferencesForm(person(c, Relationship.SPOUSE).id(), answers()));
        assertThat(v.answers()).hasSize(10);
        EngagementService.Pdf pdf = engagement.exportPreferences(p.adviser, c.id());
        assertThat(pdf.fileName()).isEqualTo("investment-preferences-" + FileNotes.slug(c.displayName()) + ".pdf");
        try (var doc = Loader.loadPDF(pdf.content())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Sam Prefpdf", InvestmentQuestion.ETHICAL.question(), "Avoid harmful industries", "Page 1 of");
        }
        List<ClientInteractionRecorded> published = events.stream(ClientInteractionRecorded.class).filter(e -> e.clientId() == c.id()).toList();
        assertThat(published).extracting(ClientInteractionRecorded::kind).containsExactly(ClientInteractionRecorded.Kind.PREFERENCES_COMPLETED,
                ClientInteractionRecorded.Kind.PREFERENCES_EXPORTED);
        assertThat(published.get(0).subject()).isEqualTo("Completed Your Investment Preferences for Sam Prefpdf");
        assertThat(published.get(0).content()).contains(InvestmentQuestion.RISK_TOLERANCE.question() + "\n- Some, if losses are small");
        assertThat(published.get(1).subject()).isEqualTo("Investment Preferences Created");
        assertThat(published.get(1).attachment()).isEqualTo(pdf.content());
    }

    @Test
    void notesAreListedNewestFirstAndFollowUpsCannotPrecedeThem() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Notes");
        engagement.addNote(p.adviser, c.id(), new NoteForm(LocalDate.of(2026, 1, 5), "First meeting", null));
        engagement.addNote(p.adviser, c.id(), new NoteForm(LocalDate.of(2026, 3, 1), "Review\nof the plan", LocalDate.of(2026, 4, 1)));
        engagement.addNote(p.adviser, c.id(), new NoteForm(LocalDate.of(2026, 2, 1), "Call", null));
        assertThat(engagement.notes(p.adviser, c.id())).extracting(NoteView::body).containsExactly("Review\nof the plan", "Call", "First meeting");
        assertThatThrownBy(() -> engagement.addNote(p.adviser, c.id(), new NoteForm(LocalDate.of(2026, 3, 1), " ", LocalDate.of(2026, 2, 1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("body", "followUpOn"));
    }

    @Test
    void aHolderAnswersForThemselvesInThePortalAndSeesOnlyTheirOwnAnswers() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Portalife");
        long alex = person(c, Relationship.HOLDER).id();
        long sam = person(c, Relationship.SPOUSE).id();
        Actor holder = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY, alex, AccessLevel.READ_ONLY);
        engagement.completeYourLife(p.adviser, c.id(), new YourLifeForm(sam, ratings(1, 1, 1, 1, 1, 1), List.of()));
        String body = "{\"ratings\": {\"HEALTH\": 10, \"RELATIONSHIPS\": 10, \"CAREER\": 10, \"FINANCES\": 10, \"LEISURE\": 10, \"PURPOSE\": 10}}";
        mvc.perform(post("/api/portal/files/" + c.id() + "/surveys/your-life").with(csrf()).with(asVerifiedOutsider(holder))
                        .contentType("application/json").content(body))
                .andExpect(status().isCreated()).andExpect(content().string(org.hamcrest.Matchers.containsString("\"personName\":\"Alex Portalife\"")));
        // answering for the partner is refused
        mvc.perform(post("/api/portal/files/" + c.id() + "/surveys/your-life").with(csrf()).with(asVerifiedOutsider(holder))
                .contentType("application/json").content(body.replace("{\"ratings\"", "{\"personId\": " + sam + ", \"ratings\""))).andExpect(status().isForbidden());
        mvc.perform(get("/api/portal/files/" + c.id() + "/surveys/your-life").with(asVerifiedOutsider(holder)))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Sam Portalife"))));
        // the adviser sees both, the holder's with its chart
        mvc.perform(get("/clients/" + c.id() + "/engagement").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-testid=\"your-life-chart\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Alex Portalife")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sam Portalife")));
    }

    @Test
    void aFailedPageFormKeepsTheTypedValuesAndShowsEveryError() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Formkeep");
        mvc.perform(post("/clients/" + c.id() + "/your-life").with(csrf()).with(as(p.adviser))
                        .param("personId", "" + person(c, Relationship.HOLDER).id()).param("rating.HEALTH", "7").param("rating.CAREER", "12")
                        .param("goals", "Sail around the world"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Rate career and work from 0 to 10.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Rate leisure and lifestyle from 0 to 10.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"Sail around the world\"")));
    }
}
