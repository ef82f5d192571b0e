package com.atrium.inventory;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.household.FamilyService;
import com.atrium.household.PersonRemoving;
import com.atrium.household.PersonView;
import com.atrium.inventory.InventoryRepository.Donation;
import com.atrium.inventory.InventoryRepository.Item;
import com.atrium.inventory.InventoryRepository.Owner;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The wealth and donations inventories of a client file: the module's API for its screens, the JSON API,
 * the simulation module and the client portal. Reading needs {@link Permission#VIEW_FILE}, every change
 * {@link Permission#EDIT_INVENTORIES}, both asked of the access module for whoever the actor is (staff or
 * outsider). Amounts are EUR with two decimals. Every change goes to the household history with before
 * and after ({@link InventoryChanged}).
 */
@Service
public class InventoryService {
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final InventoryRepository inventory;
    private final AccessService access;
    private final FamilyService family;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final com.atrium.practice.PracticeService practice;

    InventoryService(InventoryRepository inventory, AccessService access, FamilyService family, ApplicationEventPublisher events,
                     Clock clock, com.atrium.practice.PracticeService practice) {
        this.practice = practice;
        this.inventory = inventory;
        this.access = access;
        this.family = family;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ wealth

    @Transactional(readOnly = true)
    public WealthView wealth(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        Map<Long, String> names = names(actor, clientId);
        Map<Long, List<Owner>> owners = inventory.owners(clientId);
        List<WealthItemView> items = inventory.items(clientId).stream().map(i -> view(i, owners.getOrDefault(i.id(), List.of()), names)).toList();
        List<WealthItemView> assets = items.stream().filter(i -> i.kind() == WealthKind.ASSET).toList();
        List<WealthItemView> liabilities = items.stream().filter(i -> i.kind() == WealthKind.LIABILITY).toList();
        BigDecimal a = sum(assets.stream().map(WealthItemView::value).toList());
        BigDecimal l = sum(liabilities.stream().map(WealthItemView::value).toList());
        return new WealthView(clientId, assets, liabilities, a, l, a.subtract(l), access.permissions(actor, clientId));
    }

    @Transactional
    public WealthItemView addWealthItem(Actor actor, long clientId, WealthItemForm form) {
        access.require(actor, Permission.EDIT_INVENTORIES, clientId);
        Map<Long, String> names = names(actor, clientId);
        Map<String, String> errors = new LinkedHashMap<>();
        WealthType type = type(form.kind(), form.type(), errors, true);
        String description = text(form.description(), "description", "Describe the item.", errors, true);
        String cur = currencyOf(actor);
        BigDecimal value = amount(form.value(), "value", "Enter the value in " + cur + ".", true, errors, true);
        currency(form.currency(), cur, errors);
        List<Owner> owners = owners(form.owners(), names, errors, true);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The item was not added: please correct the highlighted fields.", errors);
        }
        long id = inventory.insertItem(actor.practiceId(), clientId, type, description, value, cur, OffsetDateTime.now(clock));
        inventory.replaceOwners(clientId, id, owners.stream().map(o -> new Owner(id, o.personId(), o.share())).toList());
        WealthItemView added = itemView(clientId, id, names);
        publish(actor, clientId, added.kind() == WealthKind.ASSET ? "ASSET_ADDED" : "LIABILITY_ADDED", null, describe(added));
        return added;
    }

    @Transactional
    public WealthItemView updateWealthItem(Actor actor, long clientId, long itemId, WealthItemForm form) {
        access.require(actor, Permission.EDIT_INVENTORIES, clientId);
        Item current = inventory.lockItem(clientId, itemId).orElseThrow(() -> new NotFoundException("Wealth item"));
        Map<Long, String> names = names(actor, clientId);
        WealthItemView before = itemView(clientId, itemId, names);
        Map<String, String> errors = new LinkedHashMap<>();
        WealthType type = form.type() == null && form.kind() == null ? current.type()
                : type(form.kind() == null ? current.type().kind().name() : form.kind(), form.type() == null ? current.type().name() : form.type(),
                errors, true);
        String description = form.description() == null ? current.description()
                : text(form.description(), "description", "Describe the item.", errors, true);
        String cur = currencyOf(actor);
        BigDecimal value = form.value() == null ? current.value() : amount(form.value(), "value", "Enter the value in " + cur + ".", true, errors, true);
        currency(form.currency(), cur, errors);
        List<Owner> owners = form.owners() == null ? null : owners(form.owners(), names, errors, true);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The item was not changed: please correct the highlighted fields.", errors);
        }
        inventory.updateItem(clientId, itemId, type, description, value, OffsetDateTime.now(clock));
        if (owners != null) {
            inventory.replaceOwners(clientId, itemId, owners.stream().map(o -> new Owner(itemId, o.personId(), o.share())).toList());
        }
        WealthItemView after = itemView(clientId, itemId, names);
        if (!describe(before).equals(describe(after))) {
            publish(actor, clientId, after.kind() == WealthKind.ASSET ? "ASSET_CHANGED" : "LIABILITY_CHANGED", describe(before), describe(after));
        }
        return after;
    }

    @Transactional
    public void removeWealthItem(Actor actor, long clientId, long itemId) {
        access.require(actor, Permission.EDIT_INVENTORIES, clientId);
        inventory.lockItem(clientId, itemId).orElseThrow(() -> new NotFoundException("Wealth item"));
        WealthItemView before = itemView(clientId, itemId, names(actor, clientId));
        inventory.deleteItem(clientId, itemId);
        publish(actor, clientId, before.kind() == WealthKind.ASSET ? "ASSET_REMOVED" : "LIABILITY_REMOVED", describe(before), null);
    }

    // ------------------------------------------------------------------ donations

    @Transactional(readOnly = true)
    public DonationsView donations(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        Map<Long, String> names = names(actor, clientId);
        List<DonationView> items = inventory.donations(clientId).stream().map(d -> view(d, names)).toList();
        return new DonationsView(clientId, items, sum(items.stream().map(DonationView::amount).toList()), access.permissions(actor, clientId));
    }

    @Transactional
    public DonationView addDonation(Actor actor, long clientId, DonationForm form) {
        access.require(actor, Permission.EDIT_INVENTORIES, clientId);
        Map<Long, String> names = names(actor, clientId);
        Donation d = checkDonation(form, null, names, "The donation was not added", currencyOf(actor));
        long id = inventory.insertDonation(actor.practiceId(), clientId, d, OffsetDateTime.now(clock));
        DonationView added = donationView(clientId, id, names);
        publish(actor, clientId, "DONATION_ADDED", null, describe(added));
        return added;
    }

    @Transactional
    public DonationView updateDonation(Actor actor, long clientId, long donationId, DonationForm form) {
        access.require(actor, Permission.EDIT_INVENTORIES, clientId);
        Donation current = inventory.lockDonation(clientId, donationId).orElseThrow(() -> new NotFoundException("Donation"));
        Map<Long, String> names = names(actor, clientId);
        DonationView before = view(current, names);
        Donation d = checkDonation(form, current, names, "The donation was not changed", currencyOf(actor));
        inventory.updateDonation(clientId, d, OffsetDateTime.now(clock));
        DonationView after = donationView(clientId, donationId, names);
        if (!describe(before).equals(describe(after))) {
            publish(actor, clientId, "DONATION_CHANGED", describe(before), describe(after));
        }
        return after;
    }

    @Transactional
    public void removeDonation(Actor actor, long clientId, long donationId) {
        access.require(actor, Permission.EDIT_INVENTORIES, clientId);
        Donation current = inventory.lockDonation(clientId, donationId).orElseThrow(() -> new NotFoundException("Donation"));
        DonationView before = view(current, names(actor, clientId));
        inventory.deleteDonation(clientId, donationId);
        publish(actor, clientId, "DONATION_REMOVED", describe(before), null);
    }

    /** Refuses, with the reason, to remove a person the inventories still name (the foreign keys refuse it anyway). */
    @EventListener
    void on(PersonRemoving e) {
        long owned = inventory.itemsOwnedBy(e.clientId(), e.personId());
        long donations = inventory.donationsNaming(e.clientId(), e.personId());
        if (owned + donations > 0) {
            List<String> where = new ArrayList<>();
            if (owned > 0) {
                where.add("owns " + owned + (owned == 1 ? " wealth item" : " wealth items"));
            }
            if (donations > 0) {
                where.add("is donor or recipient of " + donations + (donations == 1 ? " donation" : " donations"));
            }
            throw new ConflictException(e.name() + " " + String.join(" and ", where)
                    + ": change or remove those entries in the inventories first.");
        }
    }

    // ------------------------------------------------------------------ checks

    private Donation checkDonation(DonationForm form, Donation current, Map<Long, String> names, String failure, String cur) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = form.date() != null ? form.date() : current == null ? null : current.date();
        if (date == null) {
            errors.put("date", "Enter the date of the donation.");
        } else if (date.isAfter(LocalDate.now(clock))) {
            errors.put("date", "The date of a donation cannot be in the future.");
        }
        Long donor = form.donorPersonId() != null ? form.donorPersonId() : current == null ? null : current.donor();
        if (donor == null) {
            errors.put("donorPersonId", "Choose the donor (a person of the household).");
        } else if (!names.containsKey(donor)) {
            errors.put("donorPersonId", "Person " + donor + " is not in this household.");
        }
        Long recipientPerson;
        String recipientName;
        boolean givenPerson = form.recipientPersonId() != null;
        boolean givenName = form.recipientName() != null && !form.recipientName().isBlank();
        if (givenPerson && givenName) {
            errors.put("recipientName", "Give either a recipient of the household or a recipient's name, not both.");
            recipientPerson = null;
            recipientName = null;
        } else if (givenPerson || givenName || current == null) {
            recipientPerson = form.recipientPersonId();
            recipientName = givenName ? form.recipientName().trim() : null;
            if (!givenPerson && !givenName) {
                errors.put("recipientPersonId", "Choose the recipient, or enter their name if they are not in the household.");
            }
        } else {
            recipientPerson = current.recipientPerson();
            recipientName = current.recipientName();
        }
        if (recipientPerson != null && !names.containsKey(recipientPerson)) {
            errors.put("recipientPersonId", "Person " + recipientPerson + " is not in this household.");
        } else if (recipientPerson != null && recipientPerson.equals(donor)) {
            errors.put("recipientPersonId", "The donor cannot be the recipient.");
        }
        BigDecimal amount = form.amount() != null ? amount(form.amount(), "amount", "Enter the amount in " + cur + ".", false, errors, true)
                : current == null ? amount(null, "amount", "Enter the amount in " + cur + ".", false, errors, true) : current.amount();
        currency(form.currency(), cur, errors);
        DonationKind kind = current == null ? null : current.kind();
        if (form.kind() != null || current == null) {
            kind = donationKind(form.kind(), errors);
        }
        String notes = form.notes() != null ? (form.notes().isBlank() ? null : form.notes().trim()) : current == null ? null : current.notes();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(failure + ": please correct the highlighted fields.", errors);
        }
        return new Donation(current == null ? 0 : current.id(), date, donor, recipientPerson, recipientName, amount,
                current == null ? cur : current.currency(), kind, notes);
    }

    private static WealthType type(String kind, String type, Map<String, String> errors, boolean required) {
        WealthKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = WealthKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("kind", "\"" + kind + "\" is not a kind: use ASSET or LIABILITY.");
                return null;
            }
        }
        if (type == null || type.isBlank()) {
            if (required) {
                errors.put("type", "Choose the type, e.g. REAL_ESTATE, CASH, SECURITIES, BUSINESS, MORTGAGE or LOAN.");
            }
            return null;
        }
        WealthType t;
        try {
            t = WealthType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("type", "\"" + type + "\" is not a type: use one of " + java.util.Arrays.toString(WealthType.values()) + ".");
            return null;
        }
        if (k != null && t.kind() != k) {
            errors.put("type", t.label() + " is " + (t.kind() == WealthKind.ASSET ? "an asset" : "a liability") + ", not "
                    + (k == WealthKind.ASSET ? "an asset" : "a liability") + ".");
            return null;
        }
        return t;
    }

    private static DonationKind donationKind(String raw, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            errors.put("kind", "Choose the kind of donation: MONEY, REAL_ESTATE, SHARES or OTHER.");
            return null;
        }
        try {
            return DonationKind.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("kind", "\"" + raw + "\" is not a kind of donation: use MONEY, REAL_ESTATE, SHARES or OTHER.");
            return null;
        }
    }

    private static String text(String raw, String field, String missing, Map<String, String> errors, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.put(field, missing);
            }
            return null;
        }
        return raw.trim();
    }

    static BigDecimal amount(BigDecimal raw, String field, String missing, boolean zeroAllowed, Map<String, String> errors, boolean required) {
        if (raw == null) {
            if (required) {
                errors.put(field, missing);
            }
            return null;
        }
        if (raw.signum() < 0 || (!zeroAllowed && raw.signum() == 0)) {
            errors.put(field, zeroAllowed ? "The amount cannot be negative (enter debts as liabilities)." : "The amount must be more than 0.");
            return null;
        }
        if (raw.stripTrailingZeros().scale() > 2) {
            errors.put(field, "Use at most 2 decimals (cents).");
            return null;
        }
        if (raw.compareTo(MAX_AMOUNT) > 0) {
            errors.put(field, "The amount is at most 999,999,999,999.99.");
            return null;
        }
        return raw.setScale(2);
    }

    /** Amounts are in the practice's currency (issue 12, item 7f); a currency given with an amount must be that one. */
    private static void currency(String raw, String practiceCurrency, Map<String, String> errors) {
        if (raw != null && !raw.isBlank() && !practiceCurrency.equalsIgnoreCase(raw.trim())) {
            errors.put("currency", "Amounts are in " + practiceCurrency + " in this practice.");
        }
    }

    private String currencyOf(Actor actor) {
        return practice.practiceOf(actor).currency();
    }

    private static List<Owner> owners(List<WealthItemForm.OwnerForm> forms, Map<Long, String> names, Map<String, String> errors,
                                      boolean required) {
        List<Owner> result = new ArrayList<>();
        if (forms == null || forms.isEmpty()) {
            if (required) {
                errors.put("owners", "Choose at least one owner (a person of the household).");
            }
            return result;
        }
        Set<Long> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < forms.size(); i++) {
            WealthItemForm.OwnerForm o = forms.get(i);
            if (o == null || o.personId() == null) {
                errors.put("owners[" + i + "].personId", "Choose the owner.");
                continue;
            }
            if (!names.containsKey(o.personId())) {
                errors.put("owners[" + i + "].personId", "Person " + o.personId() + " is not in this household.");
                continue;
            }
            if (!seen.add(o.personId())) {
                errors.put("owners[" + i + "].personId", names.get(o.personId()) + " is named twice.");
                continue;
            }
            BigDecimal share = o.sharePercent();
            if (share != null) {
                if (share.signum() <= 0 || share.compareTo(HUNDRED) > 0) {
                    errors.put("owners[" + i + "].sharePercent", "A share is more than 0 and at most 100 %.");
                    continue;
                }
                if (share.stripTrailingZeros().scale() > 2) {
                    errors.put("owners[" + i + "].sharePercent", "Use at most 2 decimals for a share.");
                    continue;
                }
                total = total.add(share);
            }
            result.add(new Owner(0, o.personId(), share == null ? null : share.setScale(2)));
        }
        if (total.compareTo(HUNDRED) > 0) {
            errors.put("owners", "The owners' shares add up to " + total.stripTrailingZeros().toPlainString() + " %: at most 100 %.");
        }
        return result;
    }

    // ------------------------------------------------------------------ views

    private Map<Long, String> names(Actor actor, long clientId) {
        return family.family(actor, clientId).people().stream()
                .collect(Collectors.toMap(PersonView::id, PersonView::name, (a, b) -> a, LinkedHashMap::new));
    }

    private WealthItemView itemView(long clientId, long itemId, Map<Long, String> names) {
        Item item = inventory.items(clientId).stream().filter(i -> i.id() == itemId).findFirst().orElseThrow(() -> new NotFoundException("Wealth item"));
        return view(item, inventory.owners(clientId).getOrDefault(itemId, List.of()), names);
    }

    private DonationView donationView(long clientId, long id, Map<Long, String> names) {
        return inventory.donations(clientId).stream().filter(d -> d.id() == id).findFirst().map(d -> view(d, names))
                .orElseThrow(() -> new NotFoundException("Donation"));
    }

    private static WealthItemView view(Item i, List<Owner> owners, Map<Long, String> names) {
        return new WealthItemView(i.id(), i.type().kind(), i.type(), i.description(), i.value(), i.currency(),
                owners.stream().map(o -> new WealthItemView.Owner(o.personId(), names.getOrDefault(o.personId(), "person " + o.personId()),
                        o.share())).toList());
    }

    private static DonationView view(Donation d, Map<Long, String> names) {
        return new DonationView(d.id(), d.date(), d.donor(), names.getOrDefault(d.donor(), "person " + d.donor()), d.recipientPerson(),
                d.recipientPerson() == null ? d.recipientName() : names.getOrDefault(d.recipientPerson(), "person " + d.recipientPerson()),
                d.amount(), d.currency(), d.kind(), d.notes());
    }

    private void publish(Actor actor, long clientId, String action, String before, String after) {
        events.publishEvent(new InventoryChanged(actor.practiceId(), actor.userId(), clientId, action, before, after));
    }

    /** For the audit trail: the currency's code and the amount, e.g. "AUD 1,250.00" (the same in every practice's trail). */
    static String money(BigDecimal amount, String currency) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.ENGLISH);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return (currency == null ? "EUR" : currency) + " " + f.format(amount);
    }

    static String describe(WealthItemView i) {
        return i.typeLabel() + ": " + i.description() + ", " + money(i.value(), i.currency()) + ", owned by " + i.ownersLabel();
    }

    static String describe(DonationView d) {
        return d.kindLabel() + " of " + money(d.amount(), d.currency()) + " on " + d.date() + " from " + d.donorName() + " to " + d.recipientName()
                + (d.notes() == null ? "" : " (" + d.notes() + ")");
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    static <T> Map<Long, T> index(List<T> items, Function<T, Long> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
