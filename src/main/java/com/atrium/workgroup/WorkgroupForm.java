package com.atrium.workgroup;

import jakarta.validation.constraints.NotBlank;

/**
 * A workgroup's description, as entered. It is trimmed, then must be 1 to
 * {@value WorkgroupService#DESCRIPTION_MAX} characters (checked by the service, after trimming).
 */
public record WorkgroupForm(@NotBlank(message = "Enter a description for the workgroup.") String description) {
}
