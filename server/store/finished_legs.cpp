#include "finished_legs.hpp"

#include "sqlite.hpp"

namespace antre {

std::vector<FinishedLeg> finished_legs(sql::Database& db, const std::string& from_day, const std::string& to_day) {
    sql::Statement q(db,
                     "SELECT service, called_at, finished_at FROM tickets WHERE day BETWEEN ?1 AND ?2 "
                     "AND status = 'done' AND called_at IS NOT NULL AND finished_at > called_at ORDER BY id");
    q.bind(1, from_day).bind(2, to_day);
    std::vector<FinishedLeg> out;
    while (q.step()) out.push_back({q.text(0), q.int64(1), q.int64(2)});
    return out;
}

}  // namespace antre
