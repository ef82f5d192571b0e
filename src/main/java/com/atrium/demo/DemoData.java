package com.atrium.demo;

import com.atrium.household.ClientForm;
import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.LinkForm;
import com.atrium.household.PersonView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonForm;
import com.atrium.household.Relationship;
import com.atrium.access.AccessLevel;
import com.atrium.access.AccessFacts;
import com.atrium.access.GrantSubject;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.inventory.DonationForm;
import com.atrium.outsider.AdviserType;
import com.atrium.outsider.ExternalAdviserForm;
import com.atrium.outsider.ExternalAdviserView;
import com.atrium.outsider.GrantForm;
import com.atrium.outsider.OutsiderService;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.inventory.WealthItemForm.OwnerForm;
import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.workgroup.InvitationForm;
import com.atrium.workgroup.WorkgroupForm;
import com.atrium.workgroup.WorkgroupService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo practices on an empty database when {@code atrium.demo.enabled} is true (the default
 * run; never under the prod profile), then prints how to log in.
 */
@Component
class DemoData {
    static final String PASSWORD = "atrium-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String[] LAST = {"Nguyen", "Smith", "Patel", "Williams", "Chen", "Brown", "O'Connor", "Taylor", "Martin",
            "Kowalski", "Rossi", "Müller", "Dubois", "Hughes", "Campbell", "Walker", "Murphy", "Singh", "Tanaka", "García",
            "Anderson", "Thompson", "White", "Harris", "Clarke", "Lewis", "Robinson", "Young", "King", "Wright"};
    private static final String[] FIRST_A = {"Linh", "James", "Priya", "Olivia", "Wei", "Charlotte", "Liam", "Amelia", "Noah", "Ava",
            "Lucas", "Isla", "Mateo", "Chloe", "Ethan", "Grace", "Oscar", "Ruby", "Arjun", "Sofia"};
    private static final String[] FIRST_B = {"Tom", "Emma", "Raj", "Jack", "Mei", "Henry", "Zoe", "William", "Harper", "Leo",
            "Mia", "Hugo", "Ella", "Samuel", "Lily", "Max", "Chloé", "Daniel", "Anika", "Felix"};
    private static final String[] KIDS = {"Sam", "Alex", "Jordan", "Riley", "Charlie", "Casey", "Jamie", "Robin", "Kai", "Tess"};

    private final PracticeService practice;
    private final HouseholdService households;
    private final WorkgroupService workgroups;
    private final FamilyService family;
    private final InventoryService inventory;
    private final OutsiderService outsiders;
    private final AccessFacts facts;
    private final TransactionTemplate tx;
    private final boolean enabled;
    private final Environment env;
    private final PartnerDemo partnerDemo;

    DemoData(PracticeService practice, HouseholdService households, WorkgroupService workgroups, FamilyService family,
             InventoryService inventory, OutsiderService outsiders, AccessFacts facts, TransactionTemplate tx,
             @Value("${atrium.demo.enabled:false}") boolean enabled, Environment env, PartnerDemo partnerDemo) {
        this.partnerDemo = partnerDemo;
        this.outsiders = outsiders;
        this.facts = facts;
        this.practice = practice;
        this.households = households;
        this.workgroups = workgroups;
        this.family = family;
        this.inventory = inventory;
        this.tx = tx;
        this.enabled = enabled;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(0) // before the crm module connects the demo practice to the fake Xplan
    void seed() {
        if (!enabled || env.matchesProfiles("prod")) {
            return;
        }
        if (practice.practiceByName("Harbour Wealth").isEmpty()) {
            tx.executeWithoutResult(s -> seedHarbour());
            tx.executeWithoutResult(s -> seedSummit());
            log.info("Demo practices seeded.");
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.info("""

                ==============================================================
                 Atrium is running: http://localhost:{}/
                 Demo logins (password for all: {}):
                   manager@harbour.example     Professional + practice manager
                   adviser1@harbour.example    Professional, owns workgroup "Okafor clients"
                   adviser2@harbour.example    Professional, owns workgroup "Lambert team"
                   support@harbour.example     Support staff (invited to "Okafor clients")
                   assistant1@harbour.example  Assistant in one workgroup
                   assistant2@harbour.example  Assistant in two workgroups
                   manager@summit.example      another practice (isolation)
                   client@harbour.example      a client (holder) in the client portal; login code in /dev/mailbox
                   owner@northwind.example     a business user (partner portal), quick start below 80 %
                   ops@bluegum.example         a business user of a paid account past its first diagnostic
                 API docs: http://localhost:{}/swagger-ui.html
                ==============================================================""", port, PASSWORD, port);
    }

    private void seedHarbour() {
        Practice p = practice.createPractice("Harbour Wealth");
        // an Australian practice: amounts in Australian dollars, written the Australian way
        practice.setCurrency(p.id(), "AUD", "en-AU");
        long manager = user(p, "manager@harbour.example", "Margaret", "Hale", "+61 2 9555 0101", UserType.PROFESSIONAL, true);
        long a1 = user(p, "adviser1@harbour.example", "Daniel", "Okafor", "+61 412 555 201", UserType.PROFESSIONAL, false);
        long a2 = user(p, "adviser2@harbour.example", "Sophie", "Lambert", "+61 412 555 202", UserType.PROFESSIONAL, false);
        long support = user(p, "support@harbour.example", "Tom", "Reyes", "+61 2 9555 0104", UserType.SUPPORT, false);
        long assistant1 = user(p, "assistant1@harbour.example", "Amy", "Fischer", null, UserType.ASSISTANT, false);
        long assistant2 = user(p, "assistant2@harbour.example", "Ben", "Carter", null, UserType.ASSISTANT, false);
        // workgroups: Daniel Okafor's with both assistants, Sophie Lambert's with Ben; Tom Reyes has a pending invitation
        long okafor = workgroup(a1, "Okafor clients", assistant1, assistant2);
        long lambert = workgroup(a2, "Lambert team", assistant2);
        workgroups.invite(actor(a1), okafor, new InvitationForm(support));
        Random random = new Random(20261122L);
        long[] creators = {manager, a1, a1, a2, a2, support};
        List<ClientView> ofOkafor = new ArrayList<>();
        List<ClientView> ofLambert = new ArrayList<>();
        List<ClientView> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // the last one is added by an assistant through her workgroup: Daniel Okafor becomes its primary
            long creator = i == 59 ? assistant1 : creators[i % creators.length];
            ClientView c = households.create(actor(creator), family(random, i, "harbour"));
            all.add(c);
            if (creator == a1) {
                ofOkafor.add(c);
            } else if (creator == a2) {
                ofLambert.add(c);
            }
        }
        // some of each adviser's clients are shared with their workgroup; Sophie Lambert is secondary adviser on three of Daniel's
        for (int i = 0; i < ofOkafor.size(); i += 2) {
            workgroups.assignClient(actor(a1), ofOkafor.get(i).id(), okafor);
        }
        for (int i = 0; i < ofLambert.size(); i += 3) {
            workgroups.assignClient(actor(a2), ofLambert.get(i).id(), lambert);
        }
        for (int i = 1; i < 6; i += 2) {
            households.setSecondaryAdviser(actor(a1), ofOkafor.get(i).id(), a2);
        }
        // Daniel's next clients go to his workgroup
        workgroups.setDefault(actor(a1), okafor);
        // the first eight households have a full client file: family links (and a parent), wealth and donations
        for (int i = 0; i < 8; i++) {
            clientFile(actor(manager), all.get(i), new Random(1000L + i), i);
        }
        outsiders(p, ofOkafor.get(0), a1);
        partnerDemo.seed(actor(a1), PASSWORD);
    }

    /**
     * Outsiders on Daniel Okafor's first client: the holder has read-write access and an account
     * (client@harbour.example, logs in with the password and a code shown in the dev mailbox); the spouse has a
     * pending read-only invitation (in the dev mailbox); a notary is registered with read-only access until the
     * end of next year, also invited; an accountant's read-only access ended last month (Expired).
     */
    private void outsiders(Practice p, ClientView c, long fileManager) {
        ClientView file = households.get(actor(fileManager), c.id());
        PersonView holder = file.people().stream().filter(x -> x.relationship() == Relationship.HOLDER).findFirst().orElseThrow();
        outsiders.grant(actor(fileManager), c.id(), new GrantForm(GrantSubject.FAMILY, holder.id(), AccessLevel.READ_WRITE,
                "client@harbour.example", "+61 412 555 301", null));
        long userId = practice.seedOutsider(p.id(), "client@harbour.example", holder.firstName(), holder.lastName(), "+61412555301", PASSWORD);
        facts.outsiderAccountCreated(p.id(), "client@harbour.example", userId);
        file.people().stream().filter(x -> x.relationship() == Relationship.SPOUSE).findFirst().ifPresent(spouse ->
                outsiders.grant(actor(fileManager), c.id(), new GrantForm(GrantSubject.FAMILY, spouse.id(), AccessLevel.READ_ONLY,
                        "spouse@harbour.example", "+61 412 555 302", null)));
        ExternalAdviserView notary = outsiders.registerAdviser(actor(fileManager), c.id(), new ExternalAdviserForm("Claire", "Dubois",
                "notary@harbour.example", "+33 6 12 34 56 78", "Dubois & Associés", AdviserType.NOTARY));
        outsiders.grant(actor(fileManager), c.id(), new GrantForm(GrantSubject.ADVISER, notary.id(), AccessLevel.READ_ONLY, null, null,
                LocalDate.now().withDayOfYear(1).plusYears(2).minusDays(1)));
        // a former accountant whose access ended last month, so the Access rights tab shows the Expired state (the service
        // refuses a last day in the past, as it should for a new grant; the demo records the fact as it would stand a month on)
        ExternalAdviserView accountant = outsiders.registerAdviser(actor(fileManager), c.id(), new ExternalAdviserForm("Oliver", "Grant",
                "accountant@harbour.example", "+61 412 555 303", "Grant & Webb Accountants", AdviserType.ACCOUNTANT));
        facts.grant(actor(fileManager), new AccessFacts.Grant(c.id(), GrantSubject.ADVISER, accountant.id(), accountant.name(),
                AccessLevel.READ_ONLY, accountant.email(), accountant.mobile(), null, LocalDate.now().minusMonths(1)));
        log.info("Demo outsiders are on the household \"{}\" (Daniel Okafor's): see its Access rights tab.", c.displayName());
    }

    /** Links the family (partners, children of both holders), adds a parent, four wealth items and a few donations. */
    private void clientFile(Actor by, ClientView c, Random r, int i) {
        long id = c.id();
        PersonView holder = c.people().get(0);
        PersonView spouse = c.people().stream().filter(p -> p.relationship() == Relationship.SPOUSE).findFirst().orElse(null);
        List<PersonView> children = c.people().stream().filter(p -> p.relationship() == Relationship.CHILD).toList();
        if (spouse != null) {
            family.addLink(by, id, new LinkForm(holder.id(), spouse.id(), "PARTNER_OF"));
        }
        for (PersonView child : children) {
            family.addLink(by, id, new LinkForm(holder.id(), child.id(), "PARENT_OF"));
            if (spouse != null) {
                family.addLink(by, id, new LinkForm(spouse.id(), child.id(), "PARENT_OF"));
            }
        }
        if (i % 3 == 0) {
            LocalDate born = holder.dateOfBirth() == null ? LocalDate.of(1940, 3, 1) : holder.dateOfBirth().minusYears(28 + r.nextInt(6));
            family.addPerson(by, id, new FamilyPersonForm(KIDS[r.nextInt(KIDS.length)].equals("Sam") ? "Margaret" : "Elizabeth", null,
                    holder.lastName(), born, null, null, "PARENT", null, List.of(holder.id()), null));
        }
        List<OwnerForm> couple = spouse == null ? List.of(new OwnerForm(holder.id(), null))
                : List.of(new OwnerForm(holder.id(), new BigDecimal("50")), new OwnerForm(spouse.id(), new BigDecimal("50")));
        inventory.addWealthItem(by, id, new WealthItemForm("ASSET", "REAL_ESTATE", "Family home", amount(350_000 + 25_000 * r.nextInt(20)),
                null, couple));
        inventory.addWealthItem(by, id, new WealthItemForm("ASSET", "CASH", "Savings accounts", amount(10_000 + 1_000 * r.nextInt(60)), null,
                List.of(new OwnerForm(holder.id(), null))));
        inventory.addWealthItem(by, id, new WealthItemForm("ASSET", "SECURITIES", "Investment portfolio", amount(50_000 + 5_000 * r.nextInt(80)),
                null, couple));
        inventory.addWealthItem(by, id, new WealthItemForm("LIABILITY", "MORTGAGE", "Mortgage on the family home",
                amount(40_000 + 10_000 * r.nextInt(20)), null, couple));
        int year = 2012 + r.nextInt(8);
        for (PersonView child : children) {
            inventory.addDonation(by, id, new DonationForm(LocalDate.of(year++, 1 + r.nextInt(12), 1 + r.nextInt(28)), holder.id(), child.id(),
                    null, amount(10_000 + 5_000 * r.nextInt(10)), null, "MONEY", "Help with studies / first home"));
        }
        inventory.addDonation(by, id, new DonationForm(LocalDate.of(2022, 12, 15), holder.id(), null, "Médecins Sans Frontières",
                amount(2_000), null, "MONEY", null));
    }

    private static BigDecimal amount(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }

    private long workgroup(long owner, String description, long... members) {
        long id = workgroups.create(actor(owner), new WorkgroupForm(description)).id();
        for (long m : members) {
            long invitation = workgroups.invite(actor(owner), id, new InvitationForm(m)).id();
            workgroups.join(actor(m), invitation);
        }
        return id;
    }

    private void seedSummit() {
        Practice p = practice.createPractice("Summit Advice");
        practice.setCurrency(p.id(), "GBP", "en-GB");
        long manager = user(p, "manager@summit.example", "Grace", "Whitfield", "+44 20 7946 0018", UserType.PROFESSIONAL, true);
        Random random = new Random(7L);
        for (int i = 0; i < 12; i++) {
            households.create(actor(manager), family(random, i + 100, "summit"));
        }
    }

    private long user(Practice p, String email, String first, String last, String phone, UserType type, boolean manager) {
        return practice.seedUser(p.id(), new StaffForm(email, first, last, phone, type, manager, PASSWORD));
    }

    private Actor actor(long userId) {
        return practice.actor(userId).orElseThrow();
    }

    static ClientForm family(Random r, int i, String domain) {
        String last = LAST[(i * 7 + r.nextInt(3)) % LAST.length];
        String a = FIRST_A[r.nextInt(FIRST_A.length)];
        List<PersonForm> people = new ArrayList<>();
        int age = 30 + r.nextInt(45);
        people.add(new PersonForm(a, null, last, LocalDate.of(2026 - age, 1 + r.nextInt(12), 1 + r.nextInt(28)),
                (a + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + i + "@" + domain + "-clients.example",
                "+61 412 " + (100 + r.nextInt(899)) + " " + (100 + r.nextInt(899)), Relationship.HOLDER));
        if (r.nextInt(10) < 7) {
            String b = FIRST_B[r.nextInt(FIRST_B.length)];
            people.add(new PersonForm(b, null, last, LocalDate.of(2026 - age + r.nextInt(5) - 2, 1 + r.nextInt(12), 1 + r.nextInt(28)),
                    null, null, Relationship.SPOUSE));
        }
        int kids = age < 60 ? r.nextInt(4) : 0;
        for (int k = 0; k < kids; k++) {
            people.add(new PersonForm(KIDS[r.nextInt(KIDS.length)], null, last,
                    LocalDate.of(2026 - Math.max(1, age - 25 - r.nextInt(10)), 1 + r.nextInt(12), 1 + r.nextInt(28)), null, null,
                    Relationship.CHILD));
        }
        ClientStatus status = r.nextInt(10) == 0 ? ClientStatus.PROSPECT : ClientStatus.ACTIVE;
        return new ClientForm(null, status, null, people);
    }
}
