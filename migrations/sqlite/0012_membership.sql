-- Membership: a member who left (or was removed) keeps a row, so that the bonds they were in
-- stay readable and the other's side is kept; a bond can end while both stay in the family.
ALTER TABLE members ADD COLUMN left_at TEXT;
ALTER TABLE bonds ADD COLUMN ended_at TEXT;
CREATE INDEX bonds_ended ON bonds(mother_id) WHERE ended_at IS NOT NULL;

-- A needs profile belongs to a bond: what a son writes for his mother is read by her, not by
-- every mother of the family. A mother's profile goes to each of her bonds; a son's to his
-- bond with the mother who joined first (the one he most likely wrote it for).
CREATE TABLE needs_profiles_by_bond (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    helps TEXT NOT NULL DEFAULT '',
    unhelpful TEXT NOT NULL DEFAULT '',
    comfort TEXT NOT NULL DEFAULT '',
    signs TEXT NOT NULL DEFAULT '',
    made_together INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (bond_id, member_id)
);
INSERT INTO needs_profiles_by_bond
    (bond_id, member_id, helps, unhelpful, comfort, signs, made_together, updated_at)
SELECT b.id, p.member_id, p.helps, p.unhelpful, p.comfort, p.signs, p.made_together, p.updated_at
FROM needs_profiles p JOIN bonds b ON b.mother_id = p.member_id;
INSERT INTO needs_profiles_by_bond
    (bond_id, member_id, helps, unhelpful, comfort, signs, made_together, updated_at)
SELECT b.id, p.member_id, p.helps, p.unhelpful, p.comfort, p.signs, p.made_together, p.updated_at
FROM needs_profiles p JOIN bonds b ON b.son_id = p.member_id
WHERE b.mother_id = (
    SELECT m.id FROM members m JOIN bonds first ON first.mother_id = m.id
    WHERE first.son_id = p.member_id
    ORDER BY m.created_at, m.id LIMIT 1
);
DROP TABLE needs_profiles;
ALTER TABLE needs_profiles_by_bond RENAME TO needs_profiles;
