-- H2 has no PL/pgSQL (so no statement triggers to keep a tally exact): there the managers' total is counted on each
-- call and the list index stays as V81 made it. This no-op keeps the schema history the same on both databases (see
-- db/vendor/postgresql/V190).
SELECT 1;
