package com.atrium.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deliberately simple estate-transfer projection ("what if this person died today?"), loosely modelled
 * on French succession rules. Pure: no database, no clock. Rule {@value #RULE}:
 * <ol>
 *   <li><b>Estate</b>: the deceased's part of every asset minus their part of every liability, never below 0.
 *       Their part of an item is their share %; owners without a share split what the shares leave (equally;
 *       all equal when nobody has a share).</li>
 *   <li><b>Heirs</b>: the deceased's children (PARENT_OF links from the deceased) and spouse/partner (PARTNER_OF
 *       link). When the family records no link of that kind at all, the relationships stand in: children
 *       (CHILD) are the holder's, co-holder's and spouse's children; the holder's spouse is the SPOUSE person and
 *       the spouse's is the HOLDER. Without children nor spouse, the parents (PARENT_OF links to the deceased,
 *       or PARENT people for the holder) inherit.</li>
 *   <li><b>Split</b>: spouse and children: the spouse takes 1/4, the children share 3/4 equally. Children only:
 *       equal shares. Spouse only: everything. Otherwise parents in equal shares; no heir in the file: the
 *       estate stays unallocated.</li>
 *   <li><b>Allowances</b>: EUR 100,000 per child and per parent; the spouse/partner is exempt. Donations from the
 *       deceased to an heir in the {@value #RECALL_YEARS} years before the date used up that heir's allowance first.</li>
 *   <li><b>Tax</b>: the direct-line scale on what exceeds the allowance left: 5 % to 8,072; 10 % to 12,109;
 *       15 % to 15,932; 20 % to 552,324; 30 % to 902,838; 40 % to 1,805,677; 45 % above. Amounts in EUR, rounded
 *       to the cent (the last heir of a group takes the rounding remainder so that shares add up exactly).</li>
 * </ol>
 * An indication for the conversation with the client, not tax advice: no life-insurance rules, no usufruct
 * option, no reserved portion, no regional rules.
 */
public final class EstateProjection {
    public static final String RULE = "simple-estate-2026";
    static final int RECALL_YEARS = 15;
    static final BigDecimal CHILD_ALLOWANCE = new BigDecimal("100000.00");
    static final BigDecimal PARENT_ALLOWANCE = new BigDecimal("100000.00");
    private static final BigDecimal[][] SCALE = {
            {new BigDecimal("8072"), new BigDecimal("0.05")},
            {new BigDecimal("12109"), new BigDecimal("0.10")},
            {new BigDecimal("15932"), new BigDecimal("0.15")},
            {new BigDecimal("552324"), new BigDecimal("0.20")},
            {new BigDecimal("902838"), new BigDecimal("0.30")},
            {new BigDecimal("1805677"), new BigDecimal("0.40")},
            {null, new BigDecimal("0.45")}};
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private EstateProjection() {
    }

    // ------------------------------------------------------------------ inputs

    public record Person(long id, String name, String relationship) {
    }

    public record Link(long fromPersonId, long toPersonId, String kind) {
    }

    public record Owner(long personId, BigDecimal sharePercent) {
    }

    public record Item(boolean asset, BigDecimal value, List<Owner> owners) {
    }

    public record Gift(LocalDate date, long donorPersonId, Long recipientPersonId, BigDecimal amount) {
    }

    // ------------------------------------------------------------------ result

    public enum HeirRelation { SPOUSE, CHILD, PARENT }

    public record Heir(long personId, String name, HeirRelation relation, String fraction, BigDecimal inherited, BigDecimal allowance,
                       BigDecimal priorDonations, BigDecimal allowanceLeft, BigDecimal taxable, BigDecimal tax, BigDecimal net) {
    }

    public record Result(String rule, LocalDate asOf, long deceasedPersonId, String deceasedName, BigDecimal assets,
                         BigDecimal liabilities, BigDecimal netEstate, List<Heir> heirs, BigDecimal unallocated, BigDecimal totalTax,
                         List<String> notes) {
    }

    // ------------------------------------------------------------------ the rule

    public static Result project(long deceasedId, List<Person> people, List<Link> links, List<Item> items, List<Gift> gifts, LocalDate asOf) {
        Map<Long, Person> byId = new LinkedHashMap<>();
        people.forEach(p -> byId.put(p.id(), p));
        Person deceased = Objects.requireNonNull(byId.get(deceasedId), "the deceased is a person of the household");
        List<String> notes = new ArrayList<>();

        BigDecimal assets = BigDecimal.ZERO;
        BigDecimal liabilities = BigDecimal.ZERO;
        for (Item item : items) {
            BigDecimal part = partOf(deceasedId, item);
            if (item.asset()) {
                assets = assets.add(part);
            } else {
                liabilities = liabilities.add(part);
            }
        }
        assets = cents(assets);
        liabilities = cents(liabilities);
        BigDecimal net = assets.subtract(liabilities).max(BigDecimal.ZERO).setScale(2);
        if (assets.subtract(liabilities).signum() < 0) {
            notes.add("The deceased's liabilities exceed their assets: the estate is taken as 0.");
        }

        List<Person> children = children(deceased, people, links);
        Person spouse = spouse(deceased, people, links);
        List<Heir> heirs = new ArrayList<>();
        BigDecimal unallocated = BigDecimal.ZERO.setScale(2);
        if (!children.isEmpty()) {
            BigDecimal toChildren = net;
            if (spouse != null) {
                BigDecimal spousePart = cents(net.divide(BigDecimal.valueOf(4), 10, RoundingMode.HALF_UP));
                heirs.add(heir(spouse, HeirRelation.SPOUSE, "1/4", spousePart, deceasedId, gifts, asOf));
                toChildren = net.subtract(spousePart);
                notes.add(spouse.name() + " (spouse/partner) takes 1/4; the children share 3/4.");
            }
            String fraction = (spouse == null ? "1/" : "3/") + (spouse == null ? children.size() : 4 * children.size());
            heirs.addAll(split(children, HeirRelation.CHILD, fraction, toChildren, deceasedId, gifts, asOf));
        } else if (spouse != null) {
            heirs.add(heir(spouse, HeirRelation.SPOUSE, "1/1", net, deceasedId, gifts, asOf));
        } else {
            List<Person> parents = parents(deceased, people, links);
            if (!parents.isEmpty()) {
                heirs.addAll(split(parents, HeirRelation.PARENT, "1/" + parents.size(), net, deceasedId, gifts, asOf));
            } else {
                unallocated = net;
                if (net.signum() > 0) {
                    notes.add("No spouse, child or parent of " + deceased.name() + " is recorded in the family: the estate stays unallocated.");
                }
            }
        }
        BigDecimal totalTax = heirs.stream().map(Heir::tax).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new Result(RULE, asOf, deceasedId, deceased.name(), assets, liabilities, net, heirs, unallocated, totalTax, notes);
    }

    /** The deceased's part of an item: their share, or an equal part of what the given shares leave. */
    static BigDecimal partOf(long personId, Item item) {
        Owner mine = item.owners().stream().filter(o -> o.personId() == personId).findFirst().orElse(null);
        if (mine == null) {
            return BigDecimal.ZERO;
        }
        if (mine.sharePercent() != null) {
            return item.value().multiply(mine.sharePercent()).divide(HUNDRED, 10, RoundingMode.HALF_UP);
        }
        BigDecimal given = item.owners().stream().map(Owner::sharePercent).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        long without = item.owners().stream().filter(o -> o.sharePercent() == null).count();
        BigDecimal left = HUNDRED.subtract(given).max(BigDecimal.ZERO);
        return item.value().multiply(left).divide(HUNDRED.multiply(BigDecimal.valueOf(without)), 10, RoundingMode.HALF_UP);
    }

    /** The tax on a taxable amount by the direct-line scale. */
    static BigDecimal directLineTax(BigDecimal taxable) {
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        for (BigDecimal[] band : SCALE) {
            if (taxable.compareTo(lower) <= 0) {
                break;
            }
            BigDecimal upper = band[0] == null ? taxable : taxable.min(band[0]);
            tax = tax.add(upper.subtract(lower).multiply(band[1]));
            if (band[0] == null) {
                break;
            }
            lower = band[0];
        }
        return cents(tax);
    }

    private static List<Heir> split(List<Person> group, HeirRelation relation, String fraction, BigDecimal amount, long deceasedId,
                                    List<Gift> gifts, LocalDate asOf) {
        List<Heir> result = new ArrayList<>();
        BigDecimal each = cents(amount.divide(BigDecimal.valueOf(group.size()), 10, RoundingMode.HALF_UP));
        BigDecimal given = BigDecimal.ZERO;
        for (int i = 0; i < group.size(); i++) {
            BigDecimal part = i == group.size() - 1 ? amount.subtract(given) : each;
            given = given.add(part);
            result.add(heir(group.get(i), relation, fraction, part, deceasedId, gifts, asOf));
        }
        return result;
    }

    private static Heir heir(Person p, HeirRelation relation, String fraction, BigDecimal inherited, long deceasedId, List<Gift> gifts,
                             LocalDate asOf) {
        BigDecimal prior = cents(gifts.stream()
                .filter(g -> g.donorPersonId() == deceasedId && g.recipientPersonId() != null && g.recipientPersonId() == p.id())
                .filter(g -> !g.date().isAfter(asOf) && g.date().isAfter(asOf.minusYears(RECALL_YEARS)))
                .map(Gift::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal inheritedCents = cents(inherited);
        if (relation == HeirRelation.SPOUSE) {
            BigDecimal zero = BigDecimal.ZERO.setScale(2);
            return new Heir(p.id(), p.name(), relation, fraction, inheritedCents, null, prior, null, zero, zero, inheritedCents);
        }
        BigDecimal allowance = relation == HeirRelation.CHILD ? CHILD_ALLOWANCE : PARENT_ALLOWANCE;
        BigDecimal left = allowance.subtract(prior).max(BigDecimal.ZERO).setScale(2);
        BigDecimal taxable = inheritedCents.subtract(left).max(BigDecimal.ZERO).setScale(2);
        BigDecimal tax = directLineTax(taxable);
        return new Heir(p.id(), p.name(), relation, fraction, inheritedCents, allowance, prior, left, taxable, tax, inheritedCents.subtract(tax));
    }

    private static List<Person> children(Person deceased, List<Person> people, List<Link> links) {
        boolean linked = links.stream().anyMatch(l -> "PARENT_OF".equals(l.kind()));
        if (linked) {
            return people.stream().filter(c -> links.stream().anyMatch(l -> "PARENT_OF".equals(l.kind())
                    && l.fromPersonId() == deceased.id() && l.toPersonId() == c.id())).toList();
        }
        if (List.of("HOLDER", "CO_HOLDER", "SPOUSE").contains(deceased.relationship())) {
            return people.stream().filter(c -> "CHILD".equals(c.relationship())).toList();
        }
        return List.of();
    }

    private static List<Person> parents(Person deceased, List<Person> people, List<Link> links) {
        boolean linked = links.stream().anyMatch(l -> "PARENT_OF".equals(l.kind()));
        if (linked) {
            return people.stream().filter(c -> links.stream().anyMatch(l -> "PARENT_OF".equals(l.kind())
                    && l.toPersonId() == deceased.id() && l.fromPersonId() == c.id())).toList();
        }
        if ("HOLDER".equals(deceased.relationship())) {
            return people.stream().filter(c -> "PARENT".equals(c.relationship())).toList();
        }
        return List.of();
    }

    private static Person spouse(Person deceased, List<Person> people, List<Link> links) {
        boolean linked = links.stream().anyMatch(l -> "PARTNER_OF".equals(l.kind()));
        if (linked) {
            return links.stream().filter(l -> "PARTNER_OF".equals(l.kind())
                            && (l.fromPersonId() == deceased.id() || l.toPersonId() == deceased.id()))
                    .map(l -> l.fromPersonId() == deceased.id() ? l.toPersonId() : l.fromPersonId())
                    .map(id -> people.stream().filter(p -> p.id() == id).findFirst().orElse(null))
                    .filter(Objects::nonNull).findFirst().orElse(null);
        }
        String other = switch (deceased.relationship()) {
            case "HOLDER" -> "SPOUSE";
            case "SPOUSE" -> "HOLDER";
            default -> null;
        };
        return other == null ? null : people.stream().filter(p -> other.equals(p.relationship())).findFirst().orElse(null);
    }

    private static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
