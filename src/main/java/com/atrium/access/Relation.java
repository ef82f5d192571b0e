package com.atrium.access;

/**
 * A fact about access as a typed relation, in the shape of Zanzibar / SpiceDB / OpenFGA tuples:
 * <em>object → relation → subject</em>. Features write them through {@link AccessFacts#add} and
 * {@link AccessFacts#remove} inside their own transaction; the rules ({@link PathKind}, {@link TeamRole},
 * {@code AccessRules}) are definitions over them. A new feature adds a relation here (and its rule),
 * not a method on the facade.
 *
 * <p>Single-valued relations replace: writing {@link Primary} hands the client over, writing {@link Team}
 * for someone already on the team changes their role in place, writing {@link ClientWorkgroup} moves the
 * client. Each relation is stored in its own table so the database keeps its invariants (exactly one
 * primary, a Professional only, at most one workgroup per client).
 */
public sealed interface Relation {

    /** The client the relation is about, or -1 for relations between a workgroup and a user. */
    long clientId();

    /** client → primary → user: the file manager (exactly one; writing it hands over). */
    record Primary(long clientId, long userId, boolean formerStaysAsAdviser) implements Relation {
        public Primary(long clientId, long userId) {
            this(clientId, userId, true);
        }
    }

    /** client → team:&lt;role&gt; → user (one per person and client; writing it again changes the role in place). */
    record Team(long clientId, TeamRole role, long userId) implements Relation {
    }

    /** client → secondary → user (at most one; writing it replaces the previous one). */
    record Secondary(long clientId, long userId) implements Relation {
    }

    /** workgroup → member → user (the owner is a member from the workgroup's definition on). */
    record WorkgroupMember(long groupId, long userId) implements Relation {
        @Override
        public long clientId() {
            return -1;
        }
    }

    /** client → workgroup → workgroup (at most one; writing it moves the client). */
    record ClientWorkgroup(long clientId, long groupId) implements Relation {
    }

    /**
     * business account → member:&lt;role&gt; → user: the account's users (its administrator, its other members — business
     * users) and a staff user in advisor mode there. One per (account, user); writing it again changes the role.
     */
    record AccountMember(long clientId, long userId, AccountRole role) implements Relation {
    }
}
