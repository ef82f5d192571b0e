package com.atrium.outsider;

import java.time.LocalDate;
import java.util.List;

/**
 * A client file as an outsider sees it in the portal: the household, its people, the file manager's name and
 * contact (the only staff member shown), their own access in words, and what they may change (decided by the
 * access module). No team, no access screens, no simulations, no reports.
 */
public record PortalFileView(long id, String displayName, String status, FileManager fileManager, List<Person> people, String access,
                             String accessExplanation, LocalDate expiresOn, boolean canEditProfile, boolean canEditFamily,
                             boolean canEditInventories, boolean canGrantFamily, boolean canCompleteSurveys) {

    public record FileManager(String name, String email, String phone) {
    }

    public record Person(long id, String name, String relationship, LocalDate dateOfBirth) {
    }

    public boolean readOnly() {
        return !canEditProfile && !canEditFamily && !canEditInventories;
    }
}
