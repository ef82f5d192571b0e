package com.atrium.practice;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in person as Spring Security keeps them in the session: only the id and login state.
 * Everything else (type, manager flag, active) is read fresh on every request, so a change takes
 * effect at once.
 */
public final class AtriumPrincipal implements UserDetails, CredentialsContainer {
    private static final long serialVersionUID = 1L;

    private final long userId;
    private final String email;
    private String passwordHash;
    private final boolean enabled;
    private final boolean locked;
    private final String userType;
    private final boolean credentialsExpired;

    AtriumPrincipal(long userId, String email, String passwordHash, boolean enabled, boolean locked, String userType) {
        this(userId, email, passwordHash, enabled, locked, userType, false);
    }

    AtriumPrincipal(long userId, String email, String passwordHash, boolean enabled, boolean locked, String userType,
                    boolean credentialsExpired) {
        this.credentialsExpired = credentialsExpired;
        this.userId = userId;
        this.email = email;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.locked = locked;
        this.userType = userType;
    }

    public long userId() {
        return userId;
    }

    /** An outsider (family member or external adviser): they use the client portal, after a second factor. */
    public boolean outsider() {
        return "OUTSIDER".equals(userType);
    }

    /** A user of a client business account (partner portal): they reach only that account's workspace. */
    public boolean business() {
        return "BUSINESS".equals(userType);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("OUTSIDER".equals(userType) ? "ROLE_OUTSIDER"
                : "BUSINESS".equals(userType) ? "ROLE_BUSINESS" : "ROLE_STAFF"));
    }

    /** False for a temporary password that expired or was already used once (the login says so). */
    @Override
    public boolean isCredentialsNonExpired() {
        return !credentialsExpired;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
