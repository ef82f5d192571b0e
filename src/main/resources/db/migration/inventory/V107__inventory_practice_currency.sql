-- Amounts are in their practice's currency (practice.currency, V106), no longer EUR only.
ALTER TABLE wealth_item DROP CONSTRAINT ck_wealth_currency;
ALTER TABLE wealth_item ADD CONSTRAINT ck_wealth_currency CHECK (currency = UPPER(currency));
ALTER TABLE donation DROP CONSTRAINT ck_donation_currency;
ALTER TABLE donation ADD CONSTRAINT ck_donation_currency CHECK (currency = UPPER(currency));
