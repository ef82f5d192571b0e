package com.atrium.engagement;

import java.text.Normalizer;
import java.util.Locale;

/** The content of the CRM file notes, in the words of the seed's table (plain text, one fact a line). */
final class FileNotes {
    private FileNotes() {
    }

    /** Your Life Score %, goals to be addressed, each dimension's %. */
    static String yourLife(YourLifeView s) {
        StringBuilder b = new StringBuilder();
        b.append("Your Life Score: ").append(s.score()).append(" %\n");
        b.append("Goals to be addressed:");
        if (s.goals().isEmpty()) {
            b.append(" none named\n");
        } else {
            b.append('\n');
            s.goals().forEach(g -> b.append("- ").append(g).append('\n'));
        }
        b.append("Dimensions of wellbeing:\n");
        s.dimensions().forEach(d -> b.append("- ").append(d.label()).append(": ").append(d.percent()).append(" %\n"));
        return b.toString().strip();
    }

    /** Each person's top values in order, and the progress score. */
    static String values(ValuesSessionView v) {
        StringBuilder b = new StringBuilder();
        for (ValuesSessionView.PersonValues p : v.people()) {
            b.append("Top values of ").append(p.personName()).append(":\n");
            if (p.labels().isEmpty()) {
                b.append("- none chosen yet\n");
            }
            for (int i = 0; i < p.labels().size(); i++) {
                b.append(i + 1).append(". ").append(p.labels().get(i)).append('\n');
            }
        }
        b.append("Progress score: ").append(v.progress()).append(" %");
        return b.toString();
    }

    /** Every question and the person's answer. */
    static String preferences(PreferencesView p) {
        StringBuilder b = new StringBuilder();
        for (PreferencesView.Answer a : p.answers()) {
            b.append(a.questionText()).append('\n').append("- ").append(a.answerText()).append('\n');
        }
        return b.toString().strip();
    }

    static String note(NoteView n) {
        return n.body() + (n.followUpOn() == null ? "" : "\n\nFollow-up: " + EngagementService.DAY.format(n.followUpOn()))
                + "\n\n(" + n.author() + ", " + EngagementService.DAY.format(n.date()) + ")";
    }

    /** A file name part safe everywhere: "Smith, Alex & Sam" -> smith-alex-sam (empty when nothing is left). */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name.toLowerCase(Locale.ROOT).replace("ł", "l").replace("ø", "o").replace("đ", "d")
                .replace("ß", "ss").replace("æ", "ae").replace("œ", "oe"), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug;
    }
}
