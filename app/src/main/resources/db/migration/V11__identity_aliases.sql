-- The other addresses an account or a roster person is known by (the "aliases" attribute), lower-cased
-- and separated by single spaces, so accounts join people through them without parsing every resource.
ALTER TABLE integration_resource ADD COLUMN aliases VARCHAR(4000);
