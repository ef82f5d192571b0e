package com.atrium.partner;

import java.util.List;

/** What the page shows of an uploaded CSV before anything is created: the first rows, the total and every error. */
public record CsvPreview(String fileName, int total, List<UserForm> firstRows, List<String> errors) {

    static CsvPreview of(String fileName, String text) {
        try {
            BulkUsers.Checked c = BulkUsers.parse(text);
            return new CsvPreview(fileName, c.rows().size() + (int) c.errors().stream().map(e -> e.line()).distinct().count(),
                    c.rows().stream().limit(20).map(r -> new UserForm(r.firstName(), r.lastName(), r.email())).toList(),
                    c.errors().stream().map(Object::toString).toList());
        } catch (com.atrium.shared.InvalidInputException e) {
            return new CsvPreview(fileName, 0, List.of(), List.of(e.getMessage()));
        }
    }
}
