package com.atrium.workgroup;

import com.atrium.shared.UserType;
import java.time.Instant;

/** A person in a workgroup (the owner is listed first, with {@code owner} true). */
public record MemberView(long userId, String name, String email, UserType type, boolean owner, Instant joinedAt, boolean canRemove) {

    public String typeLabel() {
        return type.label();
    }
}
