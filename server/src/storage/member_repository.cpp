#include "storage/member_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

namespace {

constexpr const char* member_columns =
    "m.id, m.name, m.gender, m.unit_id, u.name, m.post, m.phone_sealed, m.phone_hash, "
    "m.joined_on, m.status, m.active, m.created_at, m.updated_at";
constexpr const char* member_from = " FROM member m JOIN unit u ON u.id = m.unit_id";

StoredMember read_member(const soci::row& row) {
    StoredMember stored;
    auto& member = stored.member;
    member.id = integer_at(row, 0);
    member.name = text_at(row, 1);
    member.gender = text_at(row, 2);
    member.unit = {integer_at(row, 3), text_at(row, 4)};
    member.post = text_at(row, 5);
    stored.phone_sealed = text_at(row, 6);
    stored.phone_hash = text_at(row, 7);
    member.joined_on = text_at(row, 8);
    member.status = text_at(row, 9);
    member.active = flag_at(row, 10);
    member.created_at = text_at(row, 11);
    member.updated_at = text_at(row, 12);
    return stored;
}

MemberUnit read_unit(const soci::row& row) {
    return {integer_at(row, 0), text_at(row, 1), flag_at(row, 2)};
}

Query member_filter(const MemberQuery& query) {
    Query where(" WHERE 1 = 1");
    if (!query.search.empty()) {
        where.append(" AND (m.name LIKE :q ESCAPE '\\' OR m.post LIKE :q2 ESCAPE '\\')")
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

std::optional<MemberUnit> find_member_unit(soci::session& session, long long unit_id) {
    std::optional<MemberUnit> found;
    Query("SELECT id, name, active FROM unit WHERE id = :id")
        .bind("id", unit_id)
        .for_each_row(session, [&](const soci::row& row) { found = read_unit(row); });
    return found;
}

std::vector<MemberUnit> find_member_units_by_name(soci::session& session, const std::string& name) {
    std::vector<MemberUnit> units;
    Query("SELECT id, name, active FROM unit WHERE name = :name ORDER BY id")
        .bind("name", name)
        .for_each_row(session, [&](const soci::row& row) { units.push_back(read_unit(row)); });
    return units;
}

std::optional<StoredMember> find_member(soci::session& session, long long id) {
    std::optional<StoredMember> found;
    Query(std::string("SELECT ") + member_columns + member_from + " WHERE m.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found = read_member(row); });
    return found;
}

StoredMemberPage list_members(soci::session& session, const MemberQuery& query) {
    const auto where = member_filter(query);
    StoredMemberPage result;
    result.total =
        where.with_sql(std::string("SELECT COUNT(*)") + member_from + where.sql()).scalar(session);
    auto select = where.with_sql(std::string("SELECT ") + member_columns + member_from +
                                 where.sql() + " ORDER BY m.unit_id, m.id");
    if (query.page) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", static_cast<long long>(query.page_size))
            .bind("offset", static_cast<long long>(*query.page - 1) * query.page_size);
    }
    select.for_each_row(session,
                        [&](const soci::row& row) { result.items.push_back(read_member(row)); });
    return result;
}

bool member_phone_taken(soci::session& session, long long unit_id, const std::string& phone_hash,
                        std::optional<long long> except_id) {
    return Query(
               "SELECT COUNT(*) FROM member WHERE unit_id = :unit_id AND phone_hash = :phone_hash "
               "AND active = 1 AND id <> :except_id")
               .bind("unit_id", unit_id)
               .bind("phone_hash", phone_hash)
               .bind("except_id", except_id.value_or(0))
               .scalar(session) > 0;
}

std::set<std::string> member_phone_hashes(soci::session& session, long long unit_id) {
    std::set<std::string> hashes;
    Query("SELECT phone_hash FROM member WHERE unit_id = :unit_id AND active = 1")
        .bind("unit_id", unit_id)
        .for_each_row(session, [&](const soci::row& row) { hashes.insert(text_at(row, 0)); });
    return hashes;
}

long long count_demo_members(soci::session& session) {
    return Query("SELECT COUNT(*) FROM member WHERE is_demo = 1").scalar(session);
}

long long insert_member(soci::session& session, const StoredMember& stored, bool is_demo) {
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
    return id;
}

void update_member(soci::session& session, const StoredMember& stored) {
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
}

}  // namespace lianjian::storage
