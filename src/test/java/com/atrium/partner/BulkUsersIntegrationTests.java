package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Bulk users from CSV: all or nothing, every bad line listed with its number; malformed files (fuzzed) change nothing
 * and never answer 500; the 10,000-user benchmark row (printed, not asserted on time).
 */
@IntegrationTest
class BulkUsersIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired JdbcClient jdbc;

    long users() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    org.springframework.test.web.servlet.ResultActions upload(TestPractice p, long accountId, byte[] body) throws Exception {
        return mvc.perform(post("/api/partner/accounts/" + accountId + "/users").with(as(p.adviser)).with(csrf())
                .contentType("text/csv").content(body));
    }

    @Test
    void oneBadLineRejectsTheWholeFileWithEveryBadLineListed() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        String ok = PartnerTestSupport.email("ok");
        String csv = "first name,last name,email\n"
                + "Ann,One," + ok + "\n"          // line 2: fine
                + "Ben,Two,\n"                    // line 3: missing email
                + "Cy,Three,not-an-email\n"       // line 4: invalid email
                + "Di,Four," + ok.toUpperCase() + "\n" // line 5: duplicate of line 2
                + "Ed,Five," + p.adviser.email() + "\n" // line 6: already a user
                + ",Six,six@example.com\n";       // line 7: missing first name
        long before = users();
        upload(p, a.id(), csv.getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Nothing was created: 5 lines of the file need correcting."))
                .andExpect(jsonPath("$.errors['line 3']").value("Email is missing."))
                .andExpect(jsonPath("$.errors['line 4']").value(Matchers.containsString("is not an email address")))
                .andExpect(jsonPath("$.errors['line 5']").value(Matchers.containsString("twice")))
                .andExpect(jsonPath("$.errors['line 6']").value(p.adviser.email() + " is already a user of Atrium."))
                .andExpect(jsonPath("$.errors['line 7']").value("First name is missing."));
        assertThat(users()).isEqualTo(before);
        upload(p, a.id(), PartnerTestSupport.csv(3).getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.message").value(Matchers.containsString("on their way")));
        assertThat(users()).isEqualTo(before + 3);
    }

    @Test
    void wrongColumnsNotUtf8AndOverFiveMegabytesAreRefusedWithAClearMessage() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        long before = users();
        upload(p, a.id(), "first name,last name\nAnn,One\n".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.file").value(Matchers.containsString("exactly three columns")));
        upload(p, a.id(), "name,surname,mail\nAnn,One,a@b.example\n".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.file").value(Matchers.containsString("missing")));
        upload(p, a.id(), "first name,last name,email\nAnn,M\u00fcller,a@b.example\n".getBytes(StandardCharsets.ISO_8859_1))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.file").value(Matchers.containsString("not UTF-8")));
        byte[] big = new byte[BulkUsers.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        upload(p, a.id(), big).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.file").value(Matchers.containsString("5 MB")));
        upload(p, a.id(), new byte[0]).andExpect(status().isBadRequest());
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void fuzzedFilesNeverAnswerFiveHundredAndCreateNothingUnlessValid() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        Random random = new Random(42);
        String valid = PartnerTestSupport.csv(5);
        String alphabet = ",;\"\n\r\t @.ab\u00e9\u0000\ufeff";
        for (int i = 0; i < 120; i++) {
            byte[] body;
            switch (i % 4) {
                case 0 -> { // random bytes
                    body = new byte[random.nextInt(300)];
                    random.nextBytes(body);
                }
                case 1 -> { // a valid file with random characters inserted
                    StringBuilder b = new StringBuilder(valid);
                    for (int k = 0; k < 1 + random.nextInt(5); k++) {
                        b.insert(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    body = b.toString().getBytes(StandardCharsets.UTF_8);
                }
                case 2 -> { // truncated
                    body = valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
                }
                default -> { // random characters from the CSV alphabet
                    StringBuilder b = new StringBuilder();
                    for (int k = 0; k < random.nextInt(200); k++) {
                        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    body = b.toString().getBytes(StandardCharsets.UTF_8);
                }
            }
            long before = users();
            int status = upload(p, a.id(), body).andReturn().getResponse().getStatus();
            assertThat(status).as("fuzz case %d", i).isIn(201, 400);
            if (status == 400) {
                assertThat(users()).as("fuzz case %d created nothing", i).isEqualTo(before);
            } else {
                assertThat(users()).as("fuzz case %d", i).isGreaterThan(before);
            }
        }
    }

    @Autowired PartnerInvitationJob invitations;
    @Autowired org.springframework.security.crypto.password.PasswordEncoder passwordEncoder;

    /**
     * The invitations of a bulk upload go out through the outbox in batches of 200 (set-based reads, the temporary
     * passwords hashed in parallel by the configured encoder, one batch of emails): every user gets one email with their
     * own temporary password, which is what their stored hash matches, valid 7 days, and every invitation is marked sent.
     */
    @Test
    void theInvitationsOfABulkUploadGoOutInBatchesEachWithItsOwnPassword() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        String csv = PartnerTestSupport.csv(260);
        upload(p, a.id(), csv.getBytes(StandardCharsets.UTF_8)).andExpect(status().isCreated());
        jdbc.sql("UPDATE partner_invitation SET sent_at = created_at WHERE sent_at IS NULL AND account_id <> :a").param("a", a.id()).update();
        long start = System.nanoTime();
        invitations.run();
        System.out.println("BENCHMARK invitation job: 261 invitations sent in " + (System.nanoTime() - start) / 1_000_000 + " ms");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_invitation WHERE account_id = :a AND sent_at IS NULL").param("a", a.id())
                .query(Long.class).single()).isZero();
        List<String> emails = jdbc.sql("SELECT u.email FROM partner_member m JOIN app_user u ON u.id = m.user_id WHERE m.account_id = :a")
                .param("a", a.id()).query(String.class).list();
        assertThat(emails).hasSize(261);
        java.util.Set<String> passwords = new java.util.HashSet<>();
        for (String email : emails) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :e AND kind = 'PARTNER_INVITATION'").param("e", email)
                    .query(Long.class).single()).as(email).isEqualTo(1);
            passwords.add(PartnerTestSupport.temporaryPassword(jdbc, email));
        }
        assertThat(passwords).as("each user their own password").hasSize(261);
        for (String email : List.of(emails.get(0), emails.get(130), emails.get(260))) {
            String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE email = :e").param("e", email).query(String.class).single();
            assertThat(passwordEncoder.matches(PartnerTestSupport.temporaryPassword(jdbc, email), hash)).as(email).isTrue();
            assertThat(hash).as("the configured encoder").startsWith("{bcrypt}");
            assertThat(jdbc.sql("SELECT password_temporary_until > now() + interval '6 days' FROM app_user WHERE email = :e").param("e", email)
                    .query(Boolean.class).single()).isTrue();
        }
        // run again: nothing pending, nothing sent twice
        invitations.run();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :e").param("e", emails.get(0)).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void tenThousandUsersAreValidatedAndCreatedInOneTransaction() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.FULL_BUSINESS, 0);
        byte[] csv = PartnerTestSupport.csv(10_000).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        upload(p, a.id(), csv).andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(10_000));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("BENCHMARK bulk users: 10,000 users (" + csv.length / 1024 + " KB) validated and created in " + ms + " ms");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_member WHERE account_id = :a").param("a", a.id()).query(Long.class).single())
                .isEqualTo(10_001);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_participant WHERE account_id = :a").param("a", a.id()).query(Long.class).single())
                .isEqualTo(10_001);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_invitation WHERE account_id = :a AND sent_at IS NULL").param("a", a.id())
                .query(Long.class).single()).isEqualTo(10_001);
        // the same file again: every line is already a user, nothing more is created
        long before = users();
        upload(p, a.id(), csv).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors['line 10001']").exists());
        assertThat(users()).isEqualTo(before);
        jdbc.sql("UPDATE partner_invitation SET sent_at = created_at WHERE account_id = :a").param("a", a.id()).update();
    }
}
