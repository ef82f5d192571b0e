package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/access-model.md carries the catalogue as tables; this test parses them and asserts they equal the
 * code (TeamRole, PathKind, PracticePermission), so the two never drift apart.
 */
class AccessModelDocTests {
    static final Path DOC = Path.of("docs", "access-model.md");
    static final Pattern CODE = Pattern.compile("`([A-Z_+]+)`");

    /** One parsed table: column codes, and for each row code the set of column codes marked ✓. */
    record Table(List<String> columns, Map<String, Set<String>> allowed) {
    }

    @Test
    void teamRoleTableEqualsTeamRole() throws IOException {
        Table t = table("team-roles");
        assertThat(t.columns()).containsExactly(Arrays.stream(TeamRole.values()).map(Enum::name).toArray(String[]::new));
        assertThat(t.allowed().keySet()).containsExactly(Arrays.stream(Permission.values()).map(Enum::name).toArray(String[]::new));
        for (TeamRole role : TeamRole.values()) {
            assertThat(permissionsIn(t, role.name())).as("role %s", role).isEqualTo(role.permissions());
        }
    }

    @Test
    void pathTableEqualsTheFixedPermissionsOfPathKind() throws IOException {
        Table t = table("paths");
        List<String> fixed = Arrays.stream(PathKind.values()).filter(k -> k != PathKind.TEAM && !k.outsider() && !k.accountMember()).map(Enum::name).toList();
        assertThat(t.columns()).containsExactlyElementsOf(fixed);
        assertThat(t.allowed().keySet()).containsExactly(Arrays.stream(Permission.values()).map(Enum::name).toArray(String[]::new));
        for (String kind : fixed) {
            assertThat(permissionsIn(t, kind)).as("path %s", kind).isEqualTo(PathKind.valueOf(kind).fixedPermissions());
        }
        assertThat(PathKind.TEAM.fixedPermissions()).as("TEAM takes its permissions from the role").isEmpty();
    }

    @Test
    void outsiderPathTableEqualsTheOutsiderPathKinds() throws IOException {
        Table t = table("outsider-paths");
        List<String> outsider = Arrays.stream(PathKind.values()).filter(PathKind::outsider).map(Enum::name).toList();
        assertThat(outsider).hasSize(6);
        assertThat(t.columns()).containsExactlyElementsOf(outsider);
        assertThat(t.allowed().keySet()).containsExactly(Arrays.stream(Permission.values()).map(Enum::name).toArray(String[]::new));
        for (String kind : outsider) {
            Set<Permission> p = PathKind.valueOf(kind).fixedPermissions();
            assertThat(permissionsIn(t, kind)).as("path %s", kind).isEqualTo(p);
            // never simulations, plan export, notes, team or outsider management
            assertThat(p).as("path %s", kind).doesNotContain(Permission.RUN_SIMULATIONS, Permission.EXPORT_PLAN, Permission.MANAGE_NOTES,
                    Permission.MANAGE_TEAM, Permission.MANAGE_OUTSIDERS);
        }
        assertThat(PathKind.ADVISER_READ_WRITE.fixedPermissions())
                .containsExactlyInAnyOrder(Permission.VIEW_FILE, Permission.EDIT_FAMILY, Permission.EDIT_INVENTORIES);
    }

    @Test
    void accountPathTableEqualsTheBusinessAccountPathKinds() throws IOException {
        Table t = table("account-paths");
        List<String> member = Arrays.stream(PathKind.values()).filter(PathKind::accountMember).map(Enum::name).toList();
        assertThat(member).containsExactly("ACCOUNT_ADMIN", "ACCOUNT_MEMBER", "IN_ADVISOR_MODE");
        assertThat(t.columns()).containsExactlyElementsOf(member);
        assertThat(t.allowed().keySet()).containsExactly(Arrays.stream(Permission.values()).map(Enum::name).toArray(String[]::new));
        for (String kind : member) {
            Set<Permission> p = PathKind.valueOf(kind).fixedPermissions();
            assertThat(permissionsIn(t, kind)).as("path %s", kind).isEqualTo(p);
            // members never see the staff's client file, and never manage the account or enter advisor mode
            assertThat(p).as("path %s", kind).contains(Permission.ENTER_WORKSPACE)
                    .doesNotContain(Permission.VIEW_FILE, Permission.MANAGE_ACCOUNT, Permission.ADVISOR_MODE, Permission.MANAGE_TEAM);
        }
        // only members work inside a workspace: no staff path gives it by itself
        for (PathKind k : PathKind.values()) {
            if (!k.accountMember()) {
                assertThat(k.fixedPermissions()).as("path %s", k).doesNotContain(Permission.ENTER_WORKSPACE, Permission.ADMINISTER_WORKSPACE);
            }
        }
        for (TeamRole r : TeamRole.values()) {
            assertThat(r.permissions()).as("role %s", r).doesNotContain(Permission.ENTER_WORKSPACE, Permission.ADMINISTER_WORKSPACE);
        }
    }

    @Test
    void practiceTableEqualsThePracticeLevelRules() throws IOException {
        Table t = table("practice");
        AccessService rules = new AccessService(null, null, null, null, null); // the practice-level check reads only the actor
        assertThat(t.allowed().keySet())
                .containsExactly(Arrays.stream(PracticePermission.values()).map(Enum::name).toArray(String[]::new));
        assertThat(t.columns()).hasSize(6);
        for (String column : t.columns()) {
            String[] parts = column.split("\\+");
            Actor actor = new Actor(1, 1, "Someone", "someone@test.example", UserType.valueOf(parts[0]),
                    parts.length > 1 && parts[1].equals("MANAGER"));
            for (PracticePermission p : PracticePermission.values()) {
                if (p == PracticePermission.CREATE_CLIENT && actor.type() == UserType.ASSISTANT) {
                    // depends on workgroup membership (a fact, not the actor): the table shows an assistant in none
                    assertThat(t.allowed().get(p.name())).doesNotContain(column);
                    continue;
                }
                assertThat(rules.check(actor, p)).as("%s may %s", column, p)
                        .isEqualTo(t.allowed().get(p.name()).contains(column));
            }
        }
        // outsiders never get a practice-level permission
        Actor outsider = new Actor(1, 1, "Out", "out@test.example", UserType.OUTSIDER, false);
        assertThat(Arrays.stream(PracticePermission.values()).noneMatch(p -> rules.check(outsider, p))).isTrue();
    }

    @Test
    void permissionListNamesEveryPermissionWithItsLabel() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (Permission p : Permission.values()) {
            assertThat(doc).contains("| `" + p.name() + "` | " + p.label() + " |");
        }
    }

    private static Set<Permission> permissionsIn(Table t, String column) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        t.allowed().forEach((perm, columns) -> {
            if (columns.contains(column)) {
                set.add(Permission.valueOf(perm));
            }
        });
        return set;
    }

    /** The table right after {@code <!-- catalogue:name -->}: cells "✓" (allowed) or "—" (not), anything else fails. */
    static Table table(String name) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("<!-- catalogue:" + name + " -->");
        assertThat(start).as("marker for table %s in %s", name, DOC).isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).trim();
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].trim();
            }
            rows.add(cells);
        }
        assertThat(rows.size()).as("table %s has a header, a separator and rows", name).isGreaterThan(2);
        String[] header = rows.get(0);
        List<String> columns = new ArrayList<>();
        for (int c = 2; c < header.length; c++) {
            columns.add(code(header[c]));
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String[] row : rows.subList(2, rows.size())) {
            assertThat(row).as("row %s", String.join("|", row)).hasSize(header.length);
            Set<String> yes = new java.util.LinkedHashSet<>();
            for (int c = 2; c < row.length; c++) {
                assertThat(row[c]).as("cell %s / %s", row[1], header[c]).isIn("✓", "—");
                if (row[c].equals("✓")) {
                    yes.add(columns.get(c - 2));
                }
            }
            allowed.put(code(row[1]), yes);
        }
        return new Table(columns, allowed);
    }

    private static String code(String cell) {
        Matcher m = CODE.matcher(cell);
        assertThat(m.find()).as("a `CODE` in cell \"%s\"", cell).isTrue();
        return m.group(1);
    }
}
