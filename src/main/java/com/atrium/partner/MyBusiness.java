package com.atrium.partner;

import java.util.List;

/**
 * My Business: the paid and trial accounts and the licences under management, for one adviser or the whole practice,
 * with the data of its two charts (each also shown as a table).
 *
 * @param adviserId the adviser shown, or null for the practice aggregate
 * @param advisers  whom the caller may pick (practice managers: every Professional; others: none)
 */
public record MyBusiness(Long adviserId, String scope, long paidAccounts, long trialAccounts, List<Tier> tiers, List<Month> months,
                         BarChart tierChart, LineChart timeline, List<Adviser> advisers) {

    /** Licences of one tier: paid, on trial. */
    public record Tier(Licence licence, String label, long paid, long trial) {
        public long total() {
            return paid + trial;
        }
    }

    /** At the end of a month: accounts under management (created by then) and how many of them were paid. */
    public record Month(String label, long accounts, long paid) {
    }

    public record Adviser(long id, String name) {
    }

    /** Stacked bars (paid below, trial above) in a 320 × 140 box. */
    public record BarChart(int width, int height, List<Bar> bars) {
    }

    public record Bar(String label, int x, int width, int paidY, int paidHeight, int trialY, int trialHeight, String title) {
    }

    /** Two lines (accounts, paid) in a 320 × 140 box. */
    public record LineChart(int width, int height, String accounts, String paid, String firstLabel, String lastLabel, long max) {
    }
}
