// A schema of its own in the PostgreSQL cluster that ctest starts for the tests
// (scripts/test-postgres, the CTest fixture "postgres"), for tests of sokuo over PostgreSQL.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "integration/process.h"

namespace sokuo::testing {

class PostgresSchema {
 public:
  ~PostgresSchema() {
    if (!schema_.empty()) Psql("DROP SCHEMA " + schema_ + " CASCADE");
  }
  // Creates the schema; false with `why` when there is no cluster to create it in.
  bool Create(std::string& why) {
    const char* cluster = std::getenv("SOKUO_TEST_POSTGRES_DIR");
    if (cluster == nullptr || *cluster == '\0') {
      why = "no PostgreSQL for the tests: run them with ctest, which starts one";
      return false;
    }
    if (std::filesystem::exists(std::string(cluster) + "/skip")) {
      why = Slurp(std::string(cluster) + "/skip");
      return false;
    }
    socket_dir_ = cluster;
    static std::atomic<int> next{0};
    std::string name = "s" + std::to_string(::getpid()) + "_" + std::to_string(next++);
    if (Psql("CREATE SCHEMA " + name) != 0) {
      why = std::string("cannot reach the PostgreSQL for the tests at ") + cluster;
      return false;
    }
    schema_ = name;
    return true;
  }
  // The schema as a --store URL.
  std::string Url() const {
    return "postgresql://postgres@/postgres?host=" + socket_dir_ +
           "&port=5432&options=-c%20search_path%3D" + schema_;
  }
  const std::string& name() const { return schema_; }
  // Runs `sql` with psql, as an operator would; its exit code.
  int Psql(const std::string& sql) const {
    std::string file = std::filesystem::temp_directory_path() /
                       ("sokuo-psql-" + std::to_string(::getpid()) + ".sql");
    std::ofstream(file) << sql << "\n";
    std::string command = "psql -q -X -v ON_ERROR_STOP=1 -f " + file + " \"host=" + socket_dir_ +
                          " port=5432 user=postgres dbname=postgres\" >/dev/null 2>&1";
    int code = std::system(command.c_str());
    std::filesystem::remove(file);
    return code;
  }

 private:
  std::string socket_dir_, schema_;
};

}  // namespace sokuo::testing
