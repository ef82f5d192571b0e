package com.atrium.workgroup;

/** A workgroup id, or null for none (default workgroup, a client's workgroup). */
public record WorkgroupChoiceForm(Long workgroupId) {
}
