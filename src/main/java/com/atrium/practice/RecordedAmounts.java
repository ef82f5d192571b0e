package com.atrium.practice;

/**
 * Features that record amounts in the practice's currency (wealth items, donations, insurance premiums): the practice
 * settings ask them before the currency changes, because Atrium does not convert amounts and a changed currency would
 * misstate every amount already written. Implemented by those features; the practice module only asks.
 */
public interface RecordedAmounts {

    /** How many amounts of the practice are recorded (in any currency), e.g. wealth items with a value. */
    long amountsRecorded(long practiceId);

    /** What they are, in words for a sentence: "wealth items and donations". */
    String what();
}
