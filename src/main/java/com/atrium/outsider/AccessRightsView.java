package com.atrium.outsider;

import java.util.List;

/**
 * The "Access rights" tab: every family member and every external adviser of the file with their access, and
 * what the viewer may do there (decided by the access module; the template only reads the flags).
 *
 * @param managesOutsiders the viewer is the file manager (registers advisers, grants anyone)
 * @param grantsFamily     the viewer is a holder / co-holder who may grant their own family members
 * @param why              why the viewer may not change anything, when they may not
 */
public record AccessRightsView(long clientId, String clientName, String fileManager, boolean managesOutsiders, boolean grantsFamily,
                               List<Row> family, List<Row> advisers, String why) {

    /**
     * One person of the file. {@code grant} is null when they have no access yet.
     *
     * @param canGrant  the viewer may give this person access now
     * @param canChange the viewer may change the level or expiry
     * @param canRevoke the viewer may withdraw it
     * @param note      e.g. "Holder: access can never be withdrawn once given"
     * @param levels    the levels the viewer's form may offer ({@code READ_ONLY}, {@code READ_WRITE}): for a new grant the
     *                  ones they may give, for a change the ones the grant may take (never a refused downgrade)
     * @param canCorrectContact the viewer may correct the email and mobile (the file manager, while no account is linked)
     */
    public record Row(String subject, long subjectId, String name, String relation, String email, String mobile, GrantView grant,
                      boolean canGrant, boolean canChange, boolean canRevoke, String note, ExternalAdviserView adviser,
                      List<String> levels, boolean canCorrectContact) {
    }
}
