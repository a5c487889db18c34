-- The editable registry: the managed list of resource strengths (优势资源), the strengths each
-- unit offers, and the liaison officer's phone. The phone is personal data: only its sealed form
-- (crypto::FieldCipher::seal) and a keyed hash for exact search are stored, never the number.
-- Units are never deleted (history refers to them): `active` = 0 takes one out of use.

CREATE TABLE strength_tag (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE unit_strength (
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    strength_tag_id INTEGER NOT NULL REFERENCES strength_tag(id),
    PRIMARY KEY (unit_id, strength_tag_id)
);
CREATE INDEX unit_strength_tag ON unit_strength (strength_tag_id);

ALTER TABLE unit ADD COLUMN liaison_phone_sealed TEXT;
ALTER TABLE unit ADD COLUMN liaison_phone_hash TEXT;
CREATE INDEX unit_parent ON unit (parent_id);

-- The strengths the source names; the committee edits the list afterwards.
INSERT INTO strength_tag (name, sort_order, created_at, updated_at)
SELECT name, sort_order, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT '活动阵地' AS name, 1 AS sort_order
      UNION ALL SELECT '党课讲师', 2
      UNION ALL SELECT '党务专家', 3
      UNION ALL SELECT '红色教育基地', 4
      UNION ALL SELECT '宣传媒体', 5
      UNION ALL SELECT '法律', 6
      UNION ALL SELECT '财务审计', 7
      UNION ALL SELECT '科技', 8
      UNION ALL SELECT '志愿服务', 9);
