package com.atrium.outsider;

import com.atrium.access.AccessService;
import com.atrium.access.OutsiderGrant;
import com.atrium.access.Permission;
import com.atrium.household.ClientSummary;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.PageRequest;
import com.atrium.shared.PhoneNumbers;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client portal: the files an outsider was granted (the access module's list filter, in SQL) and one file
 * as they may see it. Staff never use it.
 */
@Service
class PortalService {
    private final HouseholdService households;
    private final AccessService access;

    PortalService(HouseholdService households, AccessService access) {
        this.households = households;
        this.access = access;
    }

    @Transactional(readOnly = true)
    List<PortalFileSummary> files(Actor actor, String query) {
        requireOutsider(actor);
        List<ClientSummary> visible = households.list(actor, query, new PageRequest(0, PageRequest.MAX_SIZE)).items();
        return visible.stream().map(c -> {
            OutsiderGrant g = access.grantOf(actor, c.id()).orElse(null);
            return new PortalFileSummary(c.id(), c.displayName(), g == null ? "" : g.level().label(), g == null ? "" : as(g),
                    g == null ? null : g.expiresOn(), c.primaryProfessionalName());
        }).toList();
    }

    @Transactional(readOnly = true)
    PortalFileView file(Actor actor, long clientId) {
        requireOutsider(actor);
        ClientView c = households.get(actor, clientId); // 404 unless granted (and not expired)
        OutsiderGrant g = access.grantOf(actor, clientId).orElseThrow();
        var explanation = access.explain(actor, clientId, actor.userId());
        ClientView.Contact m = c.primaryProfessional();
        return new PortalFileView(c.id(), c.displayName(), c.statusLabel(),
                m == null ? null : new PortalFileView.FileManager(m.name(), m.email(), PhoneNumbers.display(m.phone())),
                c.people().stream().map(p -> new PortalFileView.Person(p.id(), p.name(), p.relationshipLabel(), p.dateOfBirth())).toList(),
                g.level().label() + " (" + as(g) + ")",
                explanation.paths().isEmpty() ? explanation.summary() : explanation.paths().get(0).description(), g.expiresOn(),
                c.permissions().contains(Permission.EDIT_PROFILE), c.permissions().contains(Permission.EDIT_FAMILY),
                c.permissions().contains(Permission.EDIT_INVENTORIES), c.permissions().contains(Permission.GRANT_FAMILY),
                c.permissions().contains(Permission.COMPLETE_SURVEYS));
    }

    private static String as(OutsiderGrant g) {
        return g.subject() == com.atrium.access.GrantSubject.ADVISER ? "external adviser" : g.holder() ? "holder / co-holder" : "family member";
    }

    /**
     * Refuses (403, or 404 for a file not granted) unless the outsider may do this on the file: asked before telling
     * them their input is wrong, so that a read-only grant learns nothing more than "not allowed".
     */
    void require(Actor actor, Permission permission, long clientId) {
        requireOutsider(actor);
        access.require(actor, permission, clientId);
    }

    void requireOutsider(Actor actor) {
        if (actor.isStaff()) {
            throw new ForbiddenException("The client portal is for clients and their advisers.");
        }
    }
}
