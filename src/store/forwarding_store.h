// For tests: a Store that hands every call to another, for a test store to change one thing of
// a real store (a verification that finds problems, a standby that takes no writes).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace sokuo::store {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store& real) : real_(real) {}
  Result<void> Write(const std::function<Result<void>(Tx&)>& work) override {
    return real_.Write(work);
  }
  Result<Table> Read(const std::string& table) override { return real_.Read(table); }
  Result<Table> ReadWhere(const std::string& table, const std::string& column,
                          const Row& value) override {
    return real_.ReadWhere(table, column, value);
  }
  Result<std::vector<Row>> ReadFirst(const std::string& table, const std::string& column,
                                     const Row& value, const std::string& order,
                                     size_t limit) override {
    return real_.ReadFirst(table, column, value, order, limit);
  }
  Result<std::vector<JournalEntry>> ReadJournal(const JournalQuery& q) override {
    return real_.ReadJournal(q);
  }
  Result<JournalHead> Head() override { return real_.Head(); }
  Result<bool> ReadOnly() override { return real_.ReadOnly(); }
  Result<VerifyReport> Verify() override { return real_.Verify(); }

 protected:
  Store& real() { return real_; }

 private:
  Store& real_;
};

}  // namespace sokuo::store
