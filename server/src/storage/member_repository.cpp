#include "storage/member_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <algorithm>

namespace lianjian::storage {

namespace {

constexpr const char* member_columns =
    "m.id AS id, m.name AS name, m.gender AS gender, m.unit_id AS unit_id, u.name AS unit_name, "
    "m.post AS post, m.phone_sealed AS phone_sealed, m.phone_hash AS phone_hash, "
    "m.joined_on AS joined_on, m.status AS status, m.active AS active, "
    "m.created_at AS created_at, m.updated_at AS updated_at";
constexpr const char* member_from = " FROM member m JOIN unit u ON u.id = m.unit_id";

StoredMember read_member(const soci::row& row) {
    const Columns columns(row);
    StoredMember stored;
    auto& member = stored.member;
    member.id = columns.integer("id");
    member.name = columns.text("name");
    member.gender = columns.text("gender");
    member.unit = {columns.integer("unit_id"), columns.text("unit_name")};
    member.post = columns.text("post");
    stored.phone_sealed = columns.text("phone_sealed");
    stored.phone_hash = columns.text("phone_hash");
    member.joined_on = columns.text("joined_on");
    member.status = columns.text("status");
    member.active = columns.flag("active");
    member.created_at = columns.text("created_at");
    member.updated_at = columns.text("updated_at");
    return stored;
}

constexpr const char* unit_select = "SELECT id AS id, name AS name, active AS active FROM unit";

MemberUnit read_unit(const soci::row& row) {
    const Columns columns(row);
    return {columns.integer("id"), columns.text("name"), columns.flag("active")};
}

// The first `count` characters (UTF-8 code points) of `text`.
std::string leading_characters(const std::string& text, std::size_t count) {
    std::size_t end = 0;
    for (std::size_t characters = 0; end < text.size() && characters < count; ++characters) {
        const auto lead = static_cast<unsigned char>(text[end]);
        end += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }
    return text.substr(0, std::min(end, text.size()));
}

// Indexes the pieces of name and post of the members with ids in (after_id, through_id].
void index_member_pieces(Session& session, long long after_id, long long through_id) {
    session
        << "WITH RECURSIVE piece(member_id, text, position) AS ("
           "SELECT id, lower(name), 1 FROM member WHERE id > :after AND id <= :through "
           "AND name <> '' "
           "UNION ALL SELECT id, lower(post), 1 FROM member WHERE id > :after2 "
           "AND id <= :through2 AND post <> '' "
           "UNION ALL SELECT member_id, text, position + 1 FROM piece "
           "WHERE position < length(text)) "
           "INSERT INTO member_gram (gram, member_id) "
           "SELECT substr(text, position, 1), member_id FROM piece UNION "
           "SELECT substr(text, position, 2), member_id FROM piece WHERE position < length(text)",
        soci::use(after_id), soci::use(through_id), soci::use(after_id), soci::use(through_id);
}

Query member_filter(const MemberQuery& query) {
    Query where(" WHERE 1 = 1");
    if (!query.search.empty()) {
        // Candidates from the index of pieces (see 0007_member_search.sql), checked by LIKE.
        where
            .append(
                " AND m.id IN (SELECT g.member_id FROM member_gram g WHERE g.gram = "
                "lower(CAST(:gram AS TEXT)))"
                " AND (m.name LIKE :q ESCAPE '\\' OR m.post LIKE :q2 ESCAPE '\\')")
            .bind("gram", leading_characters(query.search, 2))
            .bind("q", contains_pattern(query.search))
            .bind("q2", contains_pattern(query.search));
    }
    if (query.unit_id) {
        where.append(" AND m.unit_id = :unit_id").bind("unit_id", *query.unit_id);
    }
    if (query.status) {
        where.append(" AND m.status = :status").bind("status", *query.status);
    }
    if (query.phone_hash) {
        where.append(" AND m.phone_hash = :phone_hash").bind("phone_hash", *query.phone_hash);
    }
    if (query.active) {
        where.append(" AND m.active = :active").bind("active", *query.active ? 1LL : 0LL);
    }
    return where;
}

}  // namespace

std::optional<MemberUnit> find_member_unit(Session& session, long long unit_id) {
    std::optional<MemberUnit> found;
    Query(std::string(unit_select) + " WHERE id = :id")
        .bind("id", unit_id)
        .for_each_row(session, [&](const soci::row& row) { found = read_unit(row); });
    return found;
}

std::vector<MemberUnit> find_member_units_by_name(Session& session, const std::string& name) {
    std::vector<MemberUnit> units;
    Query(std::string(unit_select) + " WHERE name = :name ORDER BY id")
        .bind("name", name)
        .for_each_row(session, [&](const soci::row& row) { units.push_back(read_unit(row)); });
    return units;
}

std::optional<StoredMember> find_member(Session& session, long long id) {
    std::optional<StoredMember> found;
    Query(std::string("SELECT ") + member_columns + member_from + " WHERE m.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found = read_member(row); });
    return found;
}

namespace {

// Names sort by their ICU collation key (pinyin order), ties by id so pages never overlap.
const char* member_order(members::MemberSort sort) {
    switch (sort) {
        case members::MemberSort::name:
            return " ORDER BY m.name_sort_key, m.id";
        case members::MemberSort::name_descending:
            return " ORDER BY m.name_sort_key DESC, m.id";
        case members::MemberSort::unit:
            break;
    }
    return " ORDER BY m.unit_id, m.id";
}

}  // namespace

StoredMemberPage list_members(Session& session, const MemberQuery& query) {
    const auto where = member_filter(query);
    StoredMemberPage result;
    result.total =
        where.with_sql(std::string("SELECT COUNT(*)") + member_from + where.sql()).scalar(session);
    auto select = where.with_sql(std::string("SELECT ") + member_columns + member_from +
                                 where.sql() + member_order(query.sort));
    if (query.page) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", static_cast<long long>(query.page_size))
            .bind("offset", static_cast<long long>(*query.page - 1) * query.page_size);
    }
    select.for_each_row(session,
                        [&](const soci::row& row) { result.items.push_back(read_member(row)); });
    return result;
}

bool member_phone_taken(Session& session, long long unit_id, const std::string& phone_hash,
                        std::optional<long long> except_id) {
    return Query(
               "SELECT COUNT(*) FROM member WHERE unit_id = :unit_id AND phone_hash = :phone_hash "
               "AND active = 1 AND id <> :except_id")
               .bind("unit_id", unit_id)
               .bind("phone_hash", phone_hash)
               .bind("except_id", except_id.value_or(0))
               .scalar(session) > 0;
}

std::set<std::string> member_phone_hashes(Session& session, long long unit_id) {
    std::set<std::string> hashes;
    Query("SELECT phone_hash FROM member WHERE unit_id = :unit_id AND active = 1")
        .bind("unit_id", unit_id)
        .for_each_row(session, [&](const soci::row& row) { hashes.insert(text_at(row, 0)); });
    return hashes;
}

long long count_demo_members(Session& session) {
    return Query("SELECT COUNT(*) FROM member WHERE is_demo = 1").scalar(session);
}

std::vector<members::UnitRef> demo_member_units(Session& session) {
    std::vector<members::UnitRef> units;
    Query(
        "SELECT id AS id, short_name AS short_name FROM unit WHERE is_demo = 1 AND active = 1 "
        "ORDER BY id")
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            units.push_back({columns.integer("id"), columns.text("short_name")});
        });
    return units;
}

long long insert_member(Session& session, const StoredMember& stored, bool is_demo) {
    const auto& member = stored.member;
    long long id = 0;
    const int active = member.active ? 1 : 0;
    const int demo = is_demo ? 1 : 0;
    session
        << "INSERT INTO member (name, gender, unit_id, post, phone_sealed, phone_hash, joined_on, "
           "status, active, is_demo, created_at, updated_at) VALUES (:name, :gender, :unit_id, "
           ":post, :phone_sealed, :phone_hash, :joined_on, :status, :active, :is_demo, "
           ":created_at, :updated_at) RETURNING id",
        soci::use(member.name), soci::use(member.gender), soci::use(member.unit.id),
        soci::use(member.post), soci::use(stored.phone_sealed), soci::use(stored.phone_hash),
        soci::use(member.joined_on), soci::use(member.status), soci::use(active), soci::use(demo),
        soci::use(member.created_at), soci::use(member.updated_at), soci::into(id);
    index_member_pieces(session, id - 1, id);
    return id;
}

void insert_members(Session& session, const std::vector<StoredMember>& rows, bool is_demo) {
    if (rows.empty()) {
        return;
    }
    const long long last_id = Query("SELECT COALESCE(MAX(id), 0) FROM member").scalar(session);
    // Column vectors: SOCI runs the prepared INSERT once per element.
    std::vector<std::string> name, gender, post, phone_sealed, phone_hash, joined_on, status,
        created_at, updated_at;
    std::vector<long long> unit_id;
    std::vector<int> active, demo;
    for (const auto& stored : rows) {
        const auto& member = stored.member;
        name.push_back(member.name);
        gender.push_back(member.gender);
        unit_id.push_back(member.unit.id);
        post.push_back(member.post);
        phone_sealed.push_back(stored.phone_sealed);
        phone_hash.push_back(stored.phone_hash);
        joined_on.push_back(member.joined_on);
        status.push_back(member.status);
        active.push_back(member.active ? 1 : 0);
        demo.push_back(is_demo ? 1 : 0);
        created_at.push_back(member.created_at);
        updated_at.push_back(member.updated_at);
    }
    session << "INSERT INTO member (name, gender, unit_id, post, phone_sealed, phone_hash, "
               "joined_on, status, active, is_demo, created_at, updated_at) VALUES (:name, "
               ":gender, :unit_id, :post, :phone_sealed, :phone_hash, :joined_on, :status, "
               ":active, :is_demo, :created_at, :updated_at)",
        soci::use(name), soci::use(gender), soci::use(unit_id), soci::use(post),
        soci::use(phone_sealed), soci::use(phone_hash), soci::use(joined_on), soci::use(status),
        soci::use(active), soci::use(demo), soci::use(created_at), soci::use(updated_at);
    index_member_pieces(session, last_id, Query("SELECT MAX(id) FROM member").scalar(session));
}

void update_member(Session& session, const StoredMember& stored) {
    const auto& member = stored.member;
    const int active = member.active ? 1 : 0;
    session
        << "UPDATE member SET name = :name, gender = :gender, unit_id = :unit_id, post = :post, "
           "phone_sealed = :phone_sealed, phone_hash = :phone_hash, joined_on = :joined_on, "
           "status = :status, active = :active, updated_at = :updated_at WHERE id = :id",
        soci::use(member.name), soci::use(member.gender), soci::use(member.unit.id),
        soci::use(member.post), soci::use(stored.phone_sealed), soci::use(stored.phone_hash),
        soci::use(member.joined_on), soci::use(member.status), soci::use(active),
        soci::use(member.updated_at), soci::use(member.id);
    session << "DELETE FROM member_gram WHERE member_id = :id", soci::use(member.id);
    index_member_pieces(session, member.id - 1, member.id);
}

}  // namespace lianjian::storage
