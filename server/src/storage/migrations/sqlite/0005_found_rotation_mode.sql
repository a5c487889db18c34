-- A founding application names the rotation mode of the alliance it proposes.
ALTER TABLE application ADD COLUMN proposed_rotation_mode TEXT;
