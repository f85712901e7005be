-- The language a member reads Tandem in, a tag of the message catalogue ("en"); NULL follows
-- the browser's Accept-Language (docs/adr/0022-message-catalogue.md).
ALTER TABLE members ADD COLUMN language TEXT;
