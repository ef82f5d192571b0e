package com.atrium.crm;

import com.atrium.shared.CsvImport.LineError;
import java.util.List;

/**
 * What an id-mapping file does: each line's link (client and CRM id), every error with its line number, and whether
 * it was applied (only when there is no error at all, and not for a dry run).
 */
public record MappingPreview(List<Row> rows, List<LineError> errors, boolean applied, int newLinks) {

    public record Row(int line, String crmId, long clientId, String clientName, String email, boolean alreadyLinked) {
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
