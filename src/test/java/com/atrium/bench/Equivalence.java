package com.atrium.bench;

import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.TeamMember;
import com.atrium.bench.Dataset.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark's precondition: on random (actor, client) pairs every engine gives the oracle's VIEW_FILE answer,
 * and for each named actor the first pages (plain and searched) are the same ids in the same order with the same
 * total (the oracle's count), as {@code GET /api/clients} answers them; each peer's early-exit page equals its page. The pairs
 * mix likely-allowed ones (a random team row, a workgroup member and one of the group's clients), random
 * same-practice ones and random ones across practices, with actors of every kind (outsiders and disabled
 * accounts included).
 */
public final class Equivalence {

    public record Pair(long userId, long clientId) {
    }

    /**
     * Outcome: pairs compared, how many the oracle allows, every disagreement (engine: pair, expected), the pages
     * compared per engine and the total every engine reported (equal to the oracle's count) per named actor and query.
     */
    public record Result(int pairs, int allowed, List<String> mismatches, Map<String, Integer> pagesCompared, Map<String, Long> totals) {
        public boolean ok() {
            return mismatches.isEmpty();
        }
    }

    private Equivalence() {
    }

    public static List<Pair> pairs(Dataset d, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Pair> pairs = new ArrayList<>(n);
        Map<Long, List<Household>> byPractice = new LinkedHashMap<>();
        d.households.forEach(h -> byPractice.computeIfAbsent(h.practiceId(), k -> new ArrayList<>()).add(h));
        List<Household> assigned = d.households.stream().filter(h -> h.workgroupId() != null).toList();
        Map<Long, Dataset.Workgroup> groups = new LinkedHashMap<>();
        d.workgroups.forEach(w -> groups.put(w.id(), w));
        while (pairs.size() < n) {
            int kind = rnd.nextInt(10);
            if (kind < 3) {
                TeamMember t = d.team.get(rnd.nextInt(d.team.size()));
                pairs.add(new Pair(t.userId(), t.clientId()));
            } else if (kind < 4 && !assigned.isEmpty()) {
                Household h = assigned.get(rnd.nextInt(assigned.size()));
                Dataset.Workgroup w = groups.get(h.workgroupId());
                long user = w.members().isEmpty() || rnd.nextBoolean() ? w.ownerId() : w.members().get(rnd.nextInt(w.members().size()));
                pairs.add(new Pair(user, h.id()));
            } else if (kind < 5 && !d.grants.isEmpty()) {
                Dataset.OutsiderGrant g = d.grants.get(rnd.nextInt(d.grants.size()));
                pairs.add(new Pair(g.outsiderId(), g.clientId()));
            } else if (kind < 9) {
                User u = d.users.get(rnd.nextInt(d.users.size()));
                List<Household> mine = byPractice.get(u.practiceId());
                pairs.add(new Pair(u.id(), mine.get(rnd.nextInt(mine.size())).id()));
            } else {
                pairs.add(new Pair(d.users.get(rnd.nextInt(d.users.size())).id(), d.households.get(rnd.nextInt(d.households.size())).id()));
            }
        }
        return pairs;
    }

    /** The search term used for an actor: the last name of the 3rd client of their first page (or of any client). */
    public static String searchTerm(Dataset d, List<Long> firstPage) {
        long id = firstPage.isEmpty() ? d.households.get(0).id() : firstPage.get(Math.min(2, firstPage.size() - 1));
        String display = d.household(id).displayName();
        return display.substring(0, display.indexOf(',')).toLowerCase(java.util.Locale.ROOT);
    }

    public static Result check(Dataset d, Oracle oracle, List<Pair> pairs, List<Peer> peers, List<Long> actors) {
        List<String> mismatches = new ArrayList<>();
        int allowed = 0;
        for (Pair p : pairs) {
            boolean expected = oracle.canView(p.userId(), p.clientId());
            if (expected) {
                allowed++;
            }
            for (Peer peer : peers) {
                boolean got = peer.canView(p.userId(), p.clientId());
                if (got != expected && mismatches.size() < 50) {
                    mismatches.add(peer.name() + ": user " + p.userId() + " client " + p.clientId() + " expected " + expected + " got " + got);
                }
            }
        }
        Map<String, Integer> pages = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (long actor : actors) {
            String q = searchTerm(d, peers.get(0).list(actor, null, 50).page());
            for (String query : java.util.Arrays.asList(null, q)) {
                String what = (query == null ? "first page" : "search '" + query + "'") + " of user " + actor;
                long expectedTotal = oracle.visibleCount(actor, query);
                totals.put(what, expectedTotal);
                Peer.Listing reference = null;
                for (Peer peer : peers) {
                    Peer.Listing listing = peer.list(actor, query, 50);
                    if (reference == null) {
                        reference = listing;
                    } else if (!listing.page().equals(reference.page())) {
                        mismatches.add(peer.name() + ": " + what + " differs from " + peers.get(0).name());
                    }
                    if (listing.total() != expectedTotal) {
                        mismatches.add(peer.name() + ": " + what + " has total " + listing.total() + ", the oracle counts " + expectedTotal);
                    }
                    if (listing.page().size() != Math.min(50, expectedTotal)) {
                        mismatches.add(peer.name() + ": " + what + " has " + listing.page().size() + " ids for a total of " + expectedTotal);
                    }
                    for (long id : listing.page()) {
                        if (!oracle.canView(actor, id)) {
                            mismatches.add(peer.name() + ": " + what + " shows client " + id + " the oracle denies");
                        }
                    }
                    // the early-exit variant (page only) must show the same page
                    if (!peer.firstPage(actor, query, 50).equals(listing.page())) {
                        mismatches.add(peer.name() + ": " + what + ": the early-exit page differs from the full post-filter's");
                    }
                    pages.merge(peer.name(), 1, Integer::sum);
                }
            }
        }
        return new Result(pairs.size(), allowed, mismatches, pages, totals);
    }
}
