package com.atrium.partner;

import java.util.List;

/** The diagnostic questionnaire to fill in: areas with their statements, each rated 1 to 5. */
public record QuestionnaireView(long accountId, String accountName, boolean completed, List<Area> areas) {

    public record Area(String title, String description, List<Statement> statements) {
    }

    public record Statement(int id, String text) {
        public String field() {
            return "s" + id;
        }
    }
}
