-- What lists sort and search by, told to the access module with the client (AccessFacts.Client), so the
-- visibility index can carry it and a non-manager's first page is a range scan of the index alone.
-- client_kind: HOUSEHOLD today, BUSINESS for the partner portal's business accounts (same paths, same rules).
ALTER TABLE access_client ADD COLUMN client_kind varchar(20) DEFAULT 'HOUSEHOLD' NOT NULL;
ALTER TABLE access_client ADD COLUMN sort_name varchar(200);
ALTER TABLE access_client ADD COLUMN search_text varchar(2000);
ALTER TABLE access_client ADD COLUMN archived boolean DEFAULT FALSE NOT NULL;
ALTER TABLE access_client ADD CONSTRAINT ck_access_client_kind CHECK (client_kind IN ('HOUSEHOLD', 'BUSINESS'));

UPDATE access_client SET sort_name = (SELECT h.sort_name FROM household h WHERE h.id = access_client.client_id),
                         search_text = (SELECT h.search_text FROM household h WHERE h.id = access_client.client_id),
                         archived = COALESCE((SELECT h.status = 'ARCHIVED' FROM household h WHERE h.id = access_client.client_id), FALSE);
