package com.atrium.household;

import com.atrium.access.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A household's family structure for a screen, the API or the client portal: the people, the links
 * between them, the same people arranged as a tree, and what the viewer may do (decided by the access
 * module, never by a template).
 */
public record FamilyView(long clientId, List<PersonView> people, List<PersonLinkView> links, Tree tree,
                         Set<Permission> permissions) {

    /** One person placed in the tree, with their links in words ("child of Alex & Sam"). */
    public record Node(PersonView person, List<String> relations) {
    }

    /** Parents above, the holder, co-holders and spouse/partner in the middle, children below, others aside. */
    public record Tree(List<Node> parents, List<Node> core, List<Node> children, List<Node> others) {
    }

    public boolean canEdit() {
        return permissions.contains(Permission.EDIT_FAMILY);
    }

    public PersonView holder() {
        return people.stream().filter(p -> p.relationship() == Relationship.HOLDER).findFirst().orElse(null);
    }

    static FamilyView of(long clientId, List<PersonView> people, List<PersonLinkView> links, Set<Permission> permissions) {
        List<Node> parents = new ArrayList<>();
        List<Node> core = new ArrayList<>();
        List<Node> children = new ArrayList<>();
        List<Node> others = new ArrayList<>();
        List<PersonView> ordered = new ArrayList<>(people);
        ordered.sort(java.util.Comparator.comparingInt((PersonView p) -> p.relationship().ordinal()));
        for (PersonView p : ordered) {
            Node node = new Node(p, relations(p, links));
            switch (p.relationship()) {
                case HOLDER, CO_HOLDER, SPOUSE -> core.add(node);
                case CHILD -> children.add(node);
                case PARENT -> parents.add(node);
                case OTHER -> others.add(node);
            }
        }
        return new FamilyView(clientId, List.copyOf(people), List.copyOf(links), new Tree(parents, core, children, others),
                Set.copyOf(permissions));
    }

    private static List<String> relations(PersonView p, List<PersonLinkView> links) {
        List<String> result = new ArrayList<>();
        String parentsOf = links.stream().filter(l -> l.kind() == LinkKind.PARENT_OF && l.toPersonId() == p.id())
                .map(PersonLinkView::fromName).collect(Collectors.joining(" & "));
        if (!parentsOf.isEmpty()) {
            result.add("child of " + parentsOf);
        }
        String childrenOf = links.stream().filter(l -> l.kind() == LinkKind.PARENT_OF && l.fromPersonId() == p.id())
                .map(PersonLinkView::toName).collect(Collectors.joining(", "));
        if (!childrenOf.isEmpty()) {
            result.add("parent of " + childrenOf);
        }
        String partners = links.stream().filter(l -> l.kind() == LinkKind.PARTNER_OF && (l.fromPersonId() == p.id() || l.toPersonId() == p.id()))
                .map(l -> l.fromPersonId() == p.id() ? l.toName() : l.fromName()).collect(Collectors.joining(", "));
        if (!partners.isEmpty()) {
            result.add("spouse / partner of " + partners);
        }
        return result;
    }
}
