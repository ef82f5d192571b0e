package com.atrium.engagement;

import com.atrium.household.ClientView;
import java.util.ArrayList;
import java.util.List;

/**
 * The engagement tab (and the portal's page): the participants, each one's latest Your Life survey with its chart,
 * the latest values session, each one's latest investment preferences, and what the viewer may do (decided by the
 * access module). {@code ownPersonId} is set in the portal: the holder answers for themselves.
 */
public record EngagementView(ClientView client, List<Participant> participants, List<YourLifeView> yourLife, ValuesSessionView values,
                             List<PreferencesView> preferences, int surveysCompleted, boolean canComplete, boolean canRunValues,
                             boolean canExport, Long ownPersonId) {

    /** The dimensions, the values and the questions, for the forms. */
    public Dimension[] dimensions() {
        return Dimension.values();
    }

    public LifeValue[] lifeValues() {
        return LifeValue.values();
    }

    public InvestmentQuestion[] questions() {
        return InvestmentQuestion.values();
    }

    /** A horizontal bar chart of one survey, drawn on the server (SVG); the page also shows the same numbers as a table. */
    public static Chart chart(YourLifeView s) {
        int labelWidth = 190;
        int barMax = 260;
        int row = 30;
        List<Bar> bars = new ArrayList<>();
        int y = 8;
        bars.add(new Bar("Your Life Score", s.score(), y, Math.max(1, barMax * s.score() / 100), labelWidth, true));
        y += row + 6;
        for (YourLifeView.DimensionScore d : s.dimensions()) {
            bars.add(new Bar(d.label(), d.percent(), y, Math.max(1, barMax * d.percent() / 100), labelWidth, false));
            y += row;
        }
        return new Chart(labelWidth + barMax + 60, y + 4, labelWidth, bars);
    }

    public record Chart(int width, int height, int labelWidth, List<Bar> bars) {
    }

    public record Bar(String label, int percent, int y, int barWidth, int x, boolean total) {
        public int textY() {
            return y + 16;
        }

        public int valueX() {
            return x + barWidth + 6;
        }
    }
}
