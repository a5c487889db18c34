-- Chinese names sort by pinyin, as Chinese office software does: each sortable name has an ICU
-- collation key (core/collation.cpp, the "zh" collator) beside it, as hexadecimal text, so that
-- plain byte order of the key is the collation order on both databases. Keys are filled in by
-- the services on every write and backfilled at start for rows written before (empty key).
ALTER TABLE unit ADD COLUMN name_sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN name_sort_key TEXT NOT NULL DEFAULT '';
CREATE INDEX unit_name_sort_key ON unit (name_sort_key);
CREATE INDEX member_name_sort_key ON member (unit_id, name_sort_key);
