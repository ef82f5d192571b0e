package com.atrium.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.simulation.EstateProjection.Gift;
import com.atrium.simulation.EstateProjection.Heir;
import com.atrium.simulation.EstateProjection.HeirRelation;
import com.atrium.simulation.EstateProjection.Item;
import com.atrium.simulation.EstateProjection.Link;
import com.atrium.simulation.EstateProjection.Owner;
import com.atrium.simulation.EstateProjection.Person;
import com.atrium.simulation.EstateProjection.Result;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The estate projection rule, by hand-computed examples. */
class EstateProjectionTests {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final Person ALEX = new Person(1, "Alex Lee", "HOLDER");
    static final Person SAM = new Person(2, "Sam Lee", "SPOUSE");
    static final Person KIM = new Person(3, "Kim Lee", "CHILD");
    static final Person JO = new Person(4, "Jo Lee", "CHILD");
    static final Person MAY = new Person(5, "May Lee", "PARENT");

    static BigDecimal eur(String v) {
        return new BigDecimal(v);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.00", "8072, 403.60", "10000, 596.40", "15932, 1380.75", "275000, 53194.35", "315000, 61194.35",
            "552324, 108659.15", "1000000, 252678.15", "2000000, 662394.30"})
    void directLineScale(String taxable, String tax) {
        assertThat(EstateProjection.directLineTax(eur(taxable))).isEqualByComparingTo(eur(tax));
    }

    @Test
    void spouseTakesAQuarterChildrenShareTheRestAndPriorDonationsUseUpTheAllowance() {
        // a flat owned half each, a portfolio Alex owns alone, a mortgage half each
        List<Item> items = List.of(
                new Item(true, eur("800000"), List.of(new Owner(1, eur("50")), new Owner(2, eur("50")))),
                new Item(true, eur("650000"), List.of(new Owner(1, null))),
                new Item(false, eur("100000"), List.of(new Owner(1, null), new Owner(2, null))));
        List<Link> links = List.of(new Link(1, 2, "PARTNER_OF"), new Link(1, 3, "PARENT_OF"), new Link(2, 3, "PARENT_OF"),
                new Link(1, 4, "PARENT_OF"));
        List<Gift> gifts = List.of(
                new Gift(LocalDate.of(2021, 6, 1), 1, 4L, eur("40000")),   // 5 years ago: recalled
                new Gift(LocalDate.of(2005, 1, 1), 1, 3L, eur("90000")),   // over 15 years ago: not recalled
                new Gift(LocalDate.of(2022, 1, 1), 2, 3L, eur("30000")));  // from the spouse, not the deceased
        Result r = EstateProjection.project(1, List.of(ALEX, SAM, KIM, JO), links, items, gifts, TODAY);

        assertThat(r.assets()).isEqualByComparingTo("1050000.00");
        assertThat(r.liabilities()).isEqualByComparingTo("50000.00");
        assertThat(r.netEstate()).isEqualByComparingTo("1000000.00");
        assertThat(r.heirs()).extracting(Heir::name).containsExactly("Sam Lee", "Kim Lee", "Jo Lee");
        Heir spouse = r.heirs().get(0);
        assertThat(spouse.relation()).isEqualTo(HeirRelation.SPOUSE);
        assertThat(spouse.inherited()).isEqualByComparingTo("250000.00");
        assertThat(spouse.tax()).isEqualByComparingTo("0");
        Heir kim = r.heirs().get(1);
        assertThat(kim.inherited()).isEqualByComparingTo("375000.00");
        assertThat(kim.priorDonations()).isEqualByComparingTo("0");
        assertThat(kim.taxable()).isEqualByComparingTo("275000.00");
        assertThat(kim.tax()).isEqualByComparingTo("53194.35");
        Heir jo = r.heirs().get(2);
        assertThat(jo.priorDonations()).isEqualByComparingTo("40000.00");
        assertThat(jo.allowanceLeft()).isEqualByComparingTo("60000.00");
        assertThat(jo.taxable()).isEqualByComparingTo("315000.00");
        assertThat(jo.tax()).isEqualByComparingTo("61194.35");
        assertThat(r.totalTax()).isEqualByComparingTo("114388.70");
        assertThat(r.unallocated()).isEqualByComparingTo("0");
    }

    @Test
    void withoutLinksTheRelationshipsStandInAndSharesAddUpExactly() {
        List<Item> items = List.of(new Item(true, eur("100000.01"), List.of(new Owner(1, null))));
        Result r = EstateProjection.project(1, List.of(ALEX, KIM, JO, new Person(6, "Lou Lee", "CHILD")), List.of(), items, List.of(), TODAY);
        assertThat(r.heirs()).extracting(Heir::relation).containsOnly(HeirRelation.CHILD);
        assertThat(r.heirs()).extracting(Heir::inherited).map(BigDecimal::toPlainString).containsExactly("33333.34", "33333.34", "33333.33");
        assertThat(r.heirs().stream().map(Heir::inherited).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("100000.01");
        assertThat(r.totalTax()).isEqualByComparingTo("0");
    }

    @Test
    void spouseAloneTakesEverythingTaxFree() {
        Result r = EstateProjection.project(1, List.of(ALEX, SAM), List.of(), List.of(new Item(true, eur("500000"), List.of(new Owner(1, null)))),
                List.of(), TODAY);
        assertThat(r.heirs()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("Sam Lee");
            assertThat(h.inherited()).isEqualByComparingTo("500000");
            assertThat(h.tax()).isEqualByComparingTo("0");
        });
    }

    @Test
    void parentsInheritWhenThereIsNoSpouseNorChild() {
        Result r = EstateProjection.project(1, List.of(ALEX, MAY), List.of(), List.of(new Item(true, eur("300000"), List.of(new Owner(1, null)))),
                List.of(), TODAY);
        assertThat(r.heirs()).singleElement().satisfies(h -> {
            assertThat(h.relation()).isEqualTo(HeirRelation.PARENT);
            assertThat(h.taxable()).isEqualByComparingTo("200000.00");
        });
    }

    @Test
    void sharesLeftOutSplitWhatTheGivenSharesLeaveAndDebtsNeverMakeANegativeEstate() {
        Item shared = new Item(true, eur("1000"), List.of(new Owner(1, null), new Owner(2, eur("60")), new Owner(3, null)));
        assertThat(EstateProjection.partOf(1, shared)).isEqualByComparingTo("200");
        assertThat(EstateProjection.partOf(4, shared)).isEqualByComparingTo("0");
        Result r = EstateProjection.project(1, List.of(ALEX), List.of(), List.of(new Item(true, eur("10"), List.of(new Owner(1, null))),
                new Item(false, eur("50"), List.of(new Owner(1, null)))), List.of(), TODAY);
        assertThat(r.netEstate()).isEqualByComparingTo("0");
        assertThat(r.notes()).anyMatch(n -> n.contains("liabilities exceed"));
        assertThat(r.heirs()).isEmpty();
    }
}
