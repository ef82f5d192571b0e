package com.atrium.outsider;

import java.time.LocalDate;

/** One file in an outsider's portal list: their access to it and who manages it. */
public record PortalFileSummary(long id, String displayName, String access, String as, LocalDate expiresOn, String fileManager) {
}
