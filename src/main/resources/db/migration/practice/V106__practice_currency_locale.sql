-- A practice works in one currency and writes amounts in one locale (issue 12, item 7f). Existing practices keep EUR, the
-- currency every amount was checked to until now; the demo seeds its Australian practice with AUD and en-AU.
ALTER TABLE practice ADD COLUMN currency char(3) DEFAULT 'EUR' NOT NULL;
ALTER TABLE practice ADD COLUMN locale varchar(35) DEFAULT 'en-GB' NOT NULL;
ALTER TABLE practice ADD CONSTRAINT ck_practice_currency CHECK (currency = UPPER(currency));
