package com.atrium.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed's mapping rules, one table per rule. */
class MappingRulesTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    static JsonNode json(String s) {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Mr | Mr | null", "mrs | Mrs | null", "Ms. | Ms | null", "MISS | Miss | null", "Dr | Dr | null", "Prof | Prof | null",
            "Professor | Prof | null", "Rev | null | title \"Rev\" is not one of Mr, Mrs, Ms, Miss, Dr, Prof: title not copied",
            "Sir | null | title \"Sir\" is not one of Mr, Mrs, Ms, Miss, Dr, Prof: title not copied", "null | null | null"})
    void title(String raw, String copied, String reason) {
        MappingRules.Value<String> v = MappingRules.title(raw);
        assertThat(v.value()).isEqualTo(copied);
        assertThat(v.notCopied()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "[{'type':'Mobile','value':'+61 412 345 678','preferred':true}] | +61412345678 | null",
            "[{'type':'Mobile','value':'0412 000 111','preferred':true}] | null | mobile 0412 000 111 has no country code: mobile not copied",
            "[{'type':'Home Phone','value':'+61 2 9555 0101','preferred':true}] | null | the preferred phone +61 2 9555 0101 is a home phone, not a mobile: mobile not copied",
            "[{'type':'Mobile','value':'+61 2 9555 0101','preferred':true}] | null | the number +61 2 9555 0101 is a landline, not a mobile: mobile not copied",
            "[{'type':'Mobile','value':'+61 412 345 678','preferred':false}] | null | no preferred phone in Xplan: mobile not copied",
            "[{'type':'Home Phone','value':'+61 2 9555 0101','preferred':false},{'type':'Mobile','value':'+44 7911 123456','preferred':true}] | +447911123456 | null",
            "[{'type':'Mobile','value':'+61 12','preferred':true}] | null | mobile +61 12 is not a valid phone number: mobile not copied"})
    void preferredMobileOnlyWithCountryCode(String contacts, String copied, String reason) {
        MappingRules.Value<String> v = MappingRules.preferredMobile(json(contacts));
        assertThat(v.value()).isEqualTo(copied);
        assertThat(v.notCopied()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "[{'type':'Email','value':'A.Lee@Mail.example','preferred':true},{'type':'Work Email','value':'a@work.example','preferred':false}] | a.lee@mail.example | null",
            "[{'type':'Email','value':'a@mail.example','preferred':false}] | null | no preferred email in Xplan: email not copied",
            "[{'type':'Email','value':'not-an-email','preferred':true}] | null | preferred email \"not-an-email\" is not an email address: email not copied"})
    void preferredEmailOnly(String contacts, String copied, String reason) {
        MappingRules.Value<String> v = MappingRules.preferredEmail(json(contacts));
        assertThat(v.value()).isEqualTo(copied);
        assertThat(v.notCopied()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"AU, AU", "nz, NZ", "Australia, AU", "United Kingdom, GB", "null, null"})
    void countryCode(String raw, String code) {
        assertThat(MappingRules.country(raw).value()).isEqualTo(code);
    }

    @Test
    void unknownCountryIsNotCopiedWithTheReason() {
        assertThat(MappingRules.country("Atlantis").notCopied()).isEqualTo("country \"Atlantis\" is not a country code we know: country not copied");
    }

    @Test
    void streetLines() {
        assertThat(MappingRules.street("12 Harbour St\nUnit 4")).containsExactly("12 Harbour St", "Unit 4");
        assertThat(MappingRules.street("12 Harbour St")).containsExactly("12 Harbour St", null);
        assertThat(MappingRules.street("  1 A St \r\n Level 2 \n Suite 3")).containsExactly("1 A St", "Level 2, Suite 3");
    }

    @Test
    void dateOfBirthTypedDateTimeOrMissing() {
        assertThat(MappingRules.dateOfBirth(json("{'_type':'Date','_val':'1970-05-04'}"), TODAY).value()).isEqualTo(LocalDate.of(1970, 5, 4));
        assertThat(MappingRules.dateOfBirth(json("'1970-05-04T00:00:00Z'"), TODAY).value()).isEqualTo(LocalDate.of(1970, 5, 4));
        assertThat(MappingRules.dateOfBirth(null, TODAY).value()).isNull();
    }

    @Test
    void aFutureBirthDateIsNotCopiedAndABrokenOneFailsTheRecord() {
        assertThat(MappingRules.dateOfBirth(json("{'_type':'Date','_val':'2030-01-01'}"), TODAY).notCopied())
                .isEqualTo("date of birth 2030-01-01 is in the future: date of birth not copied");
        assertThatThrownBy(() -> MappingRules.dateOfBirth(json("{'_type':'Date','_val':'31-02-19x0'}"), TODAY))
                .isInstanceOf(MappingRules.Rejected.class).hasMessage("date of birth \"31-02-19x0\" is not a date");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"m, Male", "Female, Female", "F, Female", "Other, Other", "null, null"})
    void sex(String raw, String copied) {
        assertThat(MappingRules.sex(raw)).isEqualTo(copied);
    }

    @Test
    void policyFieldsCoverSummedOverCoversEarliestRenewal() {
        MappingRules.Policy p = MappingRules.policy(json("""
                {'id':7,'insurance_type':'Life','underwriter_description':'TAL','plan_name':'Life Protect','policy_number':'P1',
                 'status':'Inforce','premium_frequency':'Monthly',
                 'installment_premium':{'code':'AUD','value':{'_type':'BigDecimal','_val':'1.205E2'}},
                 'covers':[{'cover_type':'Life','sum_insured':{'_type':'BigDecimal','_val':'500000'},'renewal_date':{'_type':'Date','_val':'2031-06-30'}},
                           {'cover_type':'TPD','sum_insured':{'_type':'BigDecimal','_val':'250000'},'renewal_date':{'_type':'Date','_val':'2030-01-31'}}]}"""));
        assertThat(p.externalId()).isEqualTo("7");
        assertThat(p.insuranceType()).isEqualTo("Life");
        assertThat(p.insurer()).isEqualTo("TAL");
        assertThat(p.planName()).isEqualTo("Life Protect");
        assertThat(p.cover()).isEqualByComparingTo(new BigDecimal("750000"));
        assertThat(p.premium()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(p.frequency()).isEqualTo("Monthly");
        assertThat(p.policyNumber()).isEqualTo("P1");
        assertThat(p.status()).isEqualTo("Inforce");
        assertThat(p.renewalDate()).isEqualTo(LocalDate.of(2030, 1, 31));
    }

    @Test
    void aSumInsuredThatIsNoNumberFailsTheRecord() {
        assertThatThrownBy(() -> MappingRules.policy(json("{'id':8,'covers':[{'sum_insured':{'_type':'BigDecimal','_val':'lots'}}]}")))
                .isInstanceOf(MappingRules.Rejected.class).hasMessage("sum insured of policy 8 \"lots\" is not a number");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"2027-12-04, 1", "2027-12-05, 2", "2027-06-01, 1", "2035-03-01, 9", "2026-12-04, 0",
            "2020-01-01, 0", "null, null"})
    void endYearFromRenewalDateAndToday(LocalDate renewal, Integer endYear) {
        assertThat(MappingRules.endYear(renewal, TODAY)).isEqualTo(endYear);
    }

    @Test
    void aWholeRecord() {
        CrmConnector.Record r = new CrmConnector.Record("1001",
                json("{'id':1001,'title':'Rev','first_name':' Linh ','middle_name':'Thi','last_name':'Nguyen','dob':{'_type':'Date','_val':'1970-05-04'},"
                        + "'sex':'Female','client_adviser':501,'entity_type':'individual'}"),
                json("[{'street':'1 Harbour St','suburb':'Sydney','state':'NSW','postcode':'2000','country':'AU','preferred':true}]"),
                json("[{'type':'Email','value':'linh@mail.example','preferred':true},{'type':'Mobile','value':'0412 000 111','preferred':true}]"),
                json("[]"), null);
        MappingRules.Mapped m = MappingRules.map(r, Map.of("501", new CrmConnector.Adviser("501", "Daniel", "Okafor", "Adviser1@Harbour.example")),
                TODAY);
        assertThat(m.person()).isEqualTo(new MappingRules.Person("Linh", "Thi", "Nguyen", LocalDate.of(1970, 5, 4), "linh@mail.example", null));
        assertThat(m.profile().title()).isNull();
        assertThat(m.profile().adviserEmail()).isEqualTo("adviser1@harbour.example");
        assertThat(m.profile().addressLine1()).isEqualTo("1 Harbour St");
        assertThat(m.profile().countryCode()).isEqualTo("AU");
        assertThat(m.notCopied()).containsExactly("mobile 0412 000 111 has no country code: mobile not copied",
                "title \"Rev\" is not one of Mr, Mrs, Ms, Miss, Dr, Prof: title not copied");
    }

    @Test
    void companiesAndNamelessRecordsAreSkipped() {
        CrmConnector.Record company = new CrmConnector.Record("9", json("{'first_name':'A','last_name':'B','entity_type':'company'}"),
                json("[]"), json("[]"), json("[]"), null);
        assertThatThrownBy(() -> MappingRules.map(company, Map.of(), TODAY)).isInstanceOf(MappingRules.Rejected.class)
                .hasMessage("a company, not a person: Atrium syncs people only");
        CrmConnector.Record nameless = new CrmConnector.Record("10", json("{'last_name':'B'}"), json("[]"), json("[]"), json("[]"), null);
        assertThatThrownBy(() -> MappingRules.map(nameless, Map.of(), TODAY)).hasMessage("no first name in Xplan");
    }
}
