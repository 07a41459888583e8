#include <regex>
#include <sstream>
#include <string>

#include "store/postgres/pg_connection.h"

namespace sokuo::store::pg {

std::string RenderMigration(const Migration& m) {
  if (m.postgres != nullptr) return m.postgres;
  static const std::regex kCreate(R"(^CREATE TABLE (\w+) \()");
  static const std::regex kReference(
      R"(^(\s+(\w+) .*?) REFERENCES (\w+)\((\w+)\) DEFERRABLE INITIALLY DEFERRED(,?)$)");
  static const std::regex kInteger(R"(\bINTEGER\b)");
  std::string out, foreign_keys, table, line;
  std::istringstream in(m.sql);
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_search(line, match, kCreate)) table = match[1];
    if (std::regex_match(line, match, kReference)) {
      foreign_keys += "ALTER TABLE " + table + " ADD FOREIGN KEY (" + match[2].str() +
                      ") REFERENCES " + match[3].str() + "(" + match[4].str() +
                      ") DEFERRABLE INITIALLY DEFERRED;\n";
      line = match[1].str() + match[5].str();
    }
    out += std::regex_replace(line, kInteger, "BIGINT") + "\n";
  }
  return out + foreign_keys;
}

}  // namespace sokuo::store::pg
