// The op table (server/service/op_table.cpp) is the one list of ops: permissions and
// dispatch come from it, and docs/protocol.md §5.0 must say the same, row by row.
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "handler.hpp"

namespace op_table_test {

using namespace antre;

namespace {

struct DocRow {
    std::vector<bool> allowed;  // kiosk, display, counter, manager, admin
    std::string changes;        // the "changes state" cell
};

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line.substr(1));
    std::string cell;
    while (std::getline(in, cell, '|')) {
        const auto b = cell.find_first_not_of(' ');
        const auto e = cell.find_last_not_of(' ');
        out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    return out;
}

// The rows of the table under "### 5.0 Who may call what".
std::map<std::string, DocRow> doc_table() {
    std::ifstream file(ANTRE_SOURCE_DIR "/docs/protocol.md");
    REQUIRE(file);
    std::map<std::string, DocRow> rows;
    std::string line;
    bool in_section = false;
    while (std::getline(file, line)) {
        if (line.starts_with("### ")) in_section = line.starts_with("### 5.0 ");
        if (!in_section || !line.starts_with("| `")) continue;
        auto c = cells(line);
        REQUIRE(c.size() == 7);
        DocRow row;
        for (std::size_t i = 1; i <= 5; ++i) {
            INFO(line);
            REQUIRE((c[i].empty() || c[i] == "✓"));
            row.allowed.push_back(c[i] == "✓");
        }
        row.changes = c[6];
        rows[c[0].substr(1, c[0].size() - 2)] = row;
    }
    return rows;
}

}  // namespace

TEST_CASE("docs/protocol.md's table of who may call what is the op table") {
    const auto doc = doc_table();
    const Role roles[] = {Role::kiosk, Role::display, Role::counter, Role::manager, Role::admin};
    REQUIRE(doc.size() == Handler::ops().size());
    for (const auto& op : Handler::ops()) {
        const std::string name(op.name);
        INFO("op " << name);
        auto it = doc.find(name);
        REQUIRE(it != doc.end());
        for (std::size_t i = 0; i < 5; ++i) {
            INFO("role " << to_string(roles[i]));
            CHECK(it->second.allowed[i] == static_cast<bool>(op.roles & role_bit(roles[i])));
        }
        // Engine commands and log-in writes change state; reads do not.
        const bool changes = op.kind == OpKind::command || op.kind == OpKind::login;
        CHECK(changes == !it->second.changes.empty());
        CHECK(Handler::find_op(name) == &op);
    }
    CHECK(Handler::find_op("no_such_op") == nullptr);
}

}  // namespace op_table_test
