-- Search of members by any part of their name or post without reading every row: each distinct
-- one- and two-character piece (lower-cased) of the two fields, with the member it comes from.
-- The member list looks up the first two characters of the search text here and checks the
-- candidates with LIKE; storage/member_repository.cpp keeps it in step with every write.
CREATE TABLE member_gram (
    gram TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    PRIMARY KEY (gram, member_id)
) WITHOUT ROWID;

WITH RECURSIVE piece(member_id, text, position) AS (
    SELECT id, lower(name), 1 FROM member WHERE name <> ''
    UNION ALL
    SELECT id, lower(post), 1 FROM member WHERE post <> ''
    UNION ALL
    SELECT member_id, text, position + 1 FROM piece WHERE position < length(text)
)
INSERT INTO member_gram (gram, member_id)
SELECT substr(text, position, 1), member_id FROM piece
UNION
SELECT substr(text, position, 2), member_id FROM piece WHERE position < length(text);
