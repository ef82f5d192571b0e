package com.atrium.bench;

import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.OutsiderGrant;
import com.atrium.bench.Dataset.Person;
import com.atrium.bench.Dataset.Practice;
import com.atrium.bench.Dataset.Role;
import com.atrium.bench.Dataset.TeamMember;
import com.atrium.bench.Dataset.Type;
import com.atrium.bench.Dataset.User;
import com.atrium.bench.Dataset.Workgroup;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a {@link Dataset} from a seed: the same seed and scale always give the same facts (a single
 * {@link SplittableRandom}, consumed in a fixed order).
 *
 * <p>Practice sizes follow a Zipf-like curve (weight {@code 1/k^0.8}), so practice 1 is large (at full scale
 * about 9% of all households and staff) while the tail has small practices of a few staff. Within each
 * practice: at least one manager (a Professional with the capability), 40% Professionals, 30% Assistants,
 * the rest Support staff; 1% of staff accounts are disabled. Each household has a holder, often a spouse and
 * children, a primary Professional, 0-4 further team members (so about 3 team rows per household with the
 * primary's own row), a secondary adviser for 10%, and a workgroup for 60%. Assistants belong to 1-5
 * workgroups. Outsider grants: 70% to family members (one outsider account each), 30% to external advisers
 * who serve several clients of their practice; 15% are expired, 25% expire in the future, 60% never.
 *
 * <p>The named actors all live in practice 1: its manager, an adviser who sees about {@code adviserClients}
 * clients, an assistant in exactly 5 workgroups and an external adviser with 60 live grants.
 */
public final class DataGenerator {

    /** How big. {@code adviserClients} is roughly how many clients the named adviser sees. */
    public record Scale(String name, int practices, int households, int staff, int workgroups, int grants, int adviserClients) {
        public static final Scale FULL = new Scale("full", 200, 100_000, 5_000, 2_000, 50_000, 500);
        public static final Scale QUICK = new Scale("quick", 40, 20_000, 1_000, 400, 10_000, 500);
        public static final Scale SMALL = new Scale("small", 5, 600, 60, 20, 300, 60);
        /** Ten times full: 1,000,000 households in 2,000 practices, 50,000 staff (the named actors' own sets stay the same size). */
        public static final Scale MILLION = new Scale("million", 2_000, 1_000_000, 50_000, 20_000, 500_000, 500);

        public static Scale named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "full" -> FULL;
                case "quick" -> QUICK;
                case "small" -> SMALL;
                case "million" -> MILLION;
                default -> throw new IllegalArgumentException("Unknown scale " + name + " (full, quick, small, million)");
            };
        }
    }

    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EPOCH = Instant.parse("2018-01-01T00:00:00Z");

    private static final String[] LAST = {"Abbott", "Acosta", "Adler", "Alvarez", "Andersen", "Ashby", "Baker", "Banerjee", "Barros",
            "Becker", "Bellamy", "Bishop", "Blake", "Bondarenko", "Brennan", "Brooks", "Caldwell", "Carter", "Castillo", "Chandler",
            "Chen", "Clarke", "Coleman", "Collins", "Conti", "Cooper", "Costa", "Cruz", "Dalton", "Daniels", "Dawson", "Delgado",
            "Dixon", "Doyle", "Duarte", "Dubois", "Dunn", "Eastwood", "Edwards", "Ellis", "Evans", "Farrell", "Fischer", "Fleming",
            "Flores", "Foster", "Fraser", "Fuller", "Gallagher", "Garcia", "Gibson", "Gomez", "Graham", "Grant", "Gray", "Greene",
            "Gupta", "Hale", "Hamilton", "Hansen", "Harper", "Hayes", "Herrera", "Hoffmann", "Holland", "Howard", "Hughes", "Hunt",
            "Ibrahim", "Ingram", "Ito", "Jacobs", "Jansen", "Jensen", "Johnson", "Jordan", "Kaplan", "Kaur", "Keller", "Kennedy",
            "Khan", "Kim", "Klein", "Knight", "Kowalski", "Kumar", "Lambert", "Larsen", "Lawson", "Lee", "Lewis", "Lim", "Lopez",
            "Lund", "Maddox", "Malik", "Marsh", "Martin", "Mason", "Meyer", "Miller", "Mitchell", "Moreau", "Morgan", "Murphy",
            "Nakamura", "Nash", "Nguyen", "Nielsen", "Novak", "Nunez", "Obrien", "Okafor", "Oliveira", "Olsen", "Ortiz", "Owens",
            "Palmer", "Park", "Patel", "Pearson", "Perez", "Petrov", "Pham", "Porter", "Price", "Quinn", "Ramos", "Reed", "Reyes",
            "Richter", "Rivera", "Roberts", "Romano", "Rossi", "Russo", "Ryan", "Saito", "Sanchez", "Santos", "Schmidt", "Scott",
            "Shah", "Silva", "Singh", "Sousa", "Stewart", "Sullivan", "Tanaka", "Taylor", "Thomas", "Torres", "Turner", "Varga",
            "Vasquez", "Vogel", "Wagner", "Walsh", "Ward", "Watanabe", "Weber", "Wells", "West", "Wilson", "Wong", "Wright", "Xu",
            "Yamamoto", "Young", "Zhang", "Zimmermann"};
    private static final String[] FIRST = {"Aaron", "Ada", "Alex", "Alice", "Amir", "Amy", "Ana", "Ben", "Bianca", "Carla", "Chen",
            "Chloe", "Daniel", "David", "Elena", "Emma", "Ethan", "Fatima", "Felix", "Grace", "Hana", "Harry", "Ian", "Ines", "Isaac",
            "Jack", "James", "Jana", "Jonas", "Julia", "Kai", "Karen", "Leo", "Lena", "Liam", "Lucia", "Maria", "Mark", "Maya", "Mia",
            "Nadia", "Noah", "Nora", "Oliver", "Omar", "Paul", "Priya", "Rosa", "Ruth", "Sam", "Sara", "Sofia", "Tom", "Uma", "Victor",
            "Wei", "Yara", "Yusuf", "Zoe", "Zara"};

    private final Scale scale;
    private final SplittableRandom rnd;

    private DataGenerator(long seed, Scale scale) {
        this.scale = scale;
        this.rnd = new SplittableRandom(seed);
    }

    public static Dataset generate(long seed, Scale scale) {
        return new DataGenerator(seed, scale).run(new Dataset(seed, scale.name(), NOW));
    }

    private Dataset run(Dataset d) {
        int p = scale.practices();
        long[] households = allocate(scale.households(), p, 1);
        long[] staff = allocate(scale.staff(), p, 4);
        long[] groups = allocate(scale.workgroups(), p, 1);
        long[] grants = allocate(scale.grants(), p, 1);

        long userId = 0;
        long householdId = 0;
        long personId = 0;
        long groupId = 0;
        long grantId = 0;
        long namedManager = 0;
        long namedAdviser = 0;
        long namedAssistant = 0;
        long namedOutsider = 0;
        User adviserUser = null;
        for (int pi = 0; pi < p; pi++) {
            long practiceId = pi + 1;
            Practice practice = new Practice(practiceId, String.format(Locale.ROOT, "Practice %03d %s Advice", practiceId, LAST[pi % LAST.length]),
                    EPOCH.plus(Duration.ofDays(pi)));
            d.practices.add(practice);

            // ---- staff
            int n = (int) staff[pi];
            int managers = Math.max(1, n / 50);
            int professionals = Math.max(managers + 1, n * 40 / 100);
            int assistants = Math.max(1, n * 30 / 100);
            List<User> pros = new ArrayList<>();
            List<User> asst = new ArrayList<>();
            List<User> allStaff = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Type type = i < professionals ? Type.PROFESSIONAL : i < professionals + assistants ? Type.ASSISTANT : Type.SUPPORT;
                boolean manager = i < managers;
                boolean named = pi == 0 && (i == 0 || i == managers || i == professionals);
                boolean active = named || rnd.nextInt(100) != 0;
                String first = FIRST[rnd.nextInt(FIRST.length)];
                String last = LAST[rnd.nextInt(LAST.length)];
                User u = new User(++userId, practiceId, ("staff" + userId + "." + last + "@p" + practiceId + ".example").toLowerCase(Locale.ROOT),
                        first, last, type, manager, active, practice.createdAt().plus(Duration.ofDays(i)));
                d.users.add(u);
                allStaff.add(u);
                if (type == Type.PROFESSIONAL) {
                    pros.add(u);
                } else if (type == Type.ASSISTANT) {
                    asst.add(u);
                }
                if (pi == 0 && i == 0) {
                    namedManager = u.id();
                } else if (pi == 0 && i == managers) {
                    namedAdviser = u.id();
                    adviserUser = u;
                } else if (pi == 0 && i == professionals) {
                    namedAssistant = u.id();
                }
            }

            // ---- workgroups: owners mostly Professionals; assistants join 1-5, some others join one
            int g = (int) groups[pi];
            List<Workgroup> wgs = new ArrayList<>();
            List<Set<Long>> members = new ArrayList<>();
            for (int i = 0; i < g; i++) {
                User owner = rnd.nextInt(10) < 7 ? pick(pros) : pick(allStaff);
                wgs.add(new Workgroup(++groupId, practiceId, owner.id(), owner.lastName() + " team " + (i + 1),
                        practice.createdAt().plus(Duration.ofDays(10 + i)), new ArrayList<>()));
                members.add(new LinkedHashSet<>());
            }
            for (User a : asst) {
                int k = a.id() == namedAssistant ? 5 : 1 + rnd.nextInt(5);
                joinGroups(wgs, members, a, Math.min(k, g));
            }
            for (User u : allStaff) {
                if (u.type() != Type.ASSISTANT && u.id() != namedAdviser && rnd.nextInt(5) == 0) {
                    joinGroups(wgs, members, u, 1);
                }
            }
            for (int i = 0; i < g; i++) {
                Workgroup w = wgs.get(i);
                w.members().addAll(members.get(i));
                d.workgroups.add(w);
            }

            // ---- households, people, team, secondary, workgroup assignment
            int h = (int) households[pi];
            int adviserPrimaries = pi == 0 ? Math.min(h / 2, scale.adviserClients() * 88 / 100) : 0;
            List<User> otherPros = new ArrayList<>();
            for (User u : pros) {
                if (u.id() != namedAdviser) {
                    otherPros.add(u);
                }
            }
            for (int i = 0; i < h; i++) {
                long id = ++householdId;
                User primary = i < adviserPrimaries ? adviserUser : pick(pi == 0 ? otherPros : pros);
                String last = LAST[rnd.nextInt(LAST.length)];
                String first = FIRST[rnd.nextInt(FIRST.length)];
                List<Person> people = new ArrayList<>();
                people.add(new Person(++personId, id, 0, "HOLDER", first, last, birth(30, 80), email(first, last, id)));
                String spouse = null;
                if (rnd.nextInt(10) < 6) {
                    spouse = FIRST[rnd.nextInt(FIRST.length)];
                    people.add(new Person(++personId, id, people.size(), "SPOUSE", spouse, last, birth(30, 80), null));
                }
                int children = rnd.nextInt(4);
                for (int c = 0; c < children; c++) {
                    people.add(new Person(++personId, id, people.size(), "CHILD", FIRST[rnd.nextInt(FIRST.length)], last, birth(1, 30), null));
                }
                String display = last + ", " + first + (spouse == null ? "" : " & " + spouse);
                StringBuilder search = new StringBuilder(display);
                for (Person person : people) {
                    search.append(' ').append(person.firstName()).append(' ').append(person.lastName());
                    if (person.email() != null) {
                        search.append(' ').append(person.email());
                    }
                }
                Long secondary = null;
                if (pros.size() > 1 && rnd.nextInt(10) == 0) {
                    User s = pick(pros);
                    if (s.id() != primary.id() && s.id() != namedAdviser) {
                        secondary = s.id();
                    }
                }
                Long wg = rnd.nextInt(10) < 6 ? wgs.get(rnd.nextInt(g)).id() : null;
                Instant created = EPOCH.plus(Duration.ofMinutes(rnd.nextLong(60L * 24 * 365 * 7)));
                d.households.add(new Household(id, practiceId, display, display.toLowerCase(Locale.ROOT),
                        search.toString().toLowerCase(Locale.ROOT), rnd.nextInt(10) < 8 ? "ACTIVE" : rnd.nextBoolean() ? "PROSPECT" : "ARCHIVED",
                        primary.id(), secondary, wg, primary.id(), created));
                d.people.addAll(people);
                d.team.add(new TeamMember(id, primary.id(), Role.ADVISER, true, created));
                Set<Long> onTeam = new HashSet<>();
                onTeam.add(primary.id());
                int extra = rnd.nextInt(5); // 0-4 besides the primary: about 3 team rows per household with the primary's own
                for (int t = 0, tries = 0; t < extra && tries < 20; tries++) {
                    User m = pick(allStaff);
                    if (onTeam.add(m.id())) {
                        t++;
                        d.team.add(new TeamMember(id, m.id(), Role.values()[rnd.nextInt(Role.values().length)], false,
                                created.plus(Duration.ofDays(1 + rnd.nextInt(300)))));
                    }
                }
            }

            // ---- outsiders: 70% family members (one account, one grant), 30% external advisers (several grants)
            List<Household> mine = d.households.subList(d.households.size() - h, d.households.size());
            int total = (int) grants[pi];
            int external = total * 3 / 10;
            int externals = Math.max(1, external / 10);
            List<User> advisers = new ArrayList<>();
            for (int i = 0; i < externals; i++) {
                String last = LAST[rnd.nextInt(LAST.length)];
                User u = new User(++userId, practiceId, ("ext" + userId + "." + last + "@partners.example").toLowerCase(Locale.ROOT),
                        FIRST[rnd.nextInt(FIRST.length)], last, Type.OUTSIDER, false, true, practice.createdAt().plus(Duration.ofDays(30)));
                d.users.add(u);
                advisers.add(u);
                if (pi == 0 && i == 0) {
                    namedOutsider = u.id();
                }
            }
            Set<Long> pairs = new HashSet<>();
            int made = 0;
            if (pi == 0) {
                for (int i = 0; i < Math.min(60, h) && i < total; i++) {
                    Household c = mine.get(rnd.nextInt(h));
                    if (pairs.add(namedOutsider * 10_000_000L + c.id())) {
                        d.grants.add(new OutsiderGrant(++grantId, namedOutsider, c.id(), practiceId, rnd.nextBoolean(), true,
                                c.createdAt().plus(Duration.ofDays(5)), null));
                        made++;
                    }
                }
            }
            while (made < total) {
                Household c = mine.get(rnd.nextInt(h));
                boolean ext = rnd.nextInt(10) < 3;
                User outsider;
                if (ext) {
                    outsider = pick(advisers);
                } else {
                    String first = FIRST[rnd.nextInt(FIRST.length)];
                    String last = c.displayName().substring(0, c.displayName().indexOf(','));
                    outsider = new User(++userId, practiceId, ("family" + userId + "." + last + "@home.example").toLowerCase(Locale.ROOT),
                            first, last, Type.OUTSIDER, false, true, c.createdAt().plus(Duration.ofDays(2)));
                    d.users.add(outsider);
                }
                if (!pairs.add(outsider.id() * 10_000_000L + c.id())) {
                    continue;
                }
                int e = rnd.nextInt(100);
                Instant expires = e < 15 ? NOW.minus(Duration.ofDays(1 + rnd.nextInt(365)))
                        : e < 40 ? NOW.plus(Duration.ofDays(1000 + rnd.nextInt(2000))) : null;
                if (outsider.id() == namedOutsider) {
                    expires = null;
                }
                d.grants.add(new OutsiderGrant(++grantId, outsider.id(), c.id(), practiceId, rnd.nextBoolean(), ext,
                        c.createdAt().plus(Duration.ofDays(3)), expires));
                made++;
            }
        }
        d.named = new Dataset.NamedActors(namedManager, namedAdviser, namedAssistant, namedOutsider);
        return d;
    }

    private void joinGroups(List<Workgroup> wgs, List<Set<Long>> members, User u, int k) {
        Set<Integer> chosen = new HashSet<>();
        int guard = 0;
        while (chosen.size() < k && guard++ < 1000) {
            int i = rnd.nextInt(wgs.size());
            if (wgs.get(i).ownerId() != u.id() && chosen.add(i)) {
                members.get(i).add(u.id());
            }
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private LocalDate birth(int minAge, int maxAge) {
        return LocalDate.of(2026 - minAge - rnd.nextInt(maxAge - minAge + 1), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
    }

    private static String email(String first, String last, long id) {
        return (first + "." + last + "." + id + "@mail.example").toLowerCase(Locale.ROOT);
    }

    /** Splits {@code total} over {@code n} practices with Zipf-like weights (largest first), each at least {@code min}. */
    static long[] allocate(int total, int n, int min) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / Math.pow(i + 1, 0.8);
            sum += w[i];
        }
        long[] out = new long[n];
        long used = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(min, Math.round(total * w[i] / sum));
            used += out[i];
        }
        out[0] += total - used; // the largest practice absorbs the rounding
        return out;
    }
}
