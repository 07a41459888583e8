#include "store/file_spill.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sokuo::store {

namespace {

// A verification's spill (journal.h): the changes packed into runs of about `run_bytes`, each
// sorted in memory and written to an unnamed temporary file, then merged, so memory stays
// bounded however long the journal is. Hashes are kept as their 32 bytes. (A temporary SQLite
// database did this before: its inserts and its sort took more than a third of a verification.)
class RunSpill final : public ReplaySpill {
 public:
  static constexpr size_t kReadBytes = size_t{128} << 10;  // per run while merging

  explicit RunSpill(size_t run_bytes) : run_bytes_(run_bytes) { buffer_.reserve(run_bytes + 4096); }
  ~RunSpill() override {
    if (fd_ >= 0) ::close(fd_);
  }
  RunSpill(const RunSpill&) = delete;
  RunSpill& operator=(const RunSpill&) = delete;

  Result<void> Add(const SpilledChange& c) override {
    size_t offset = buffer_.size();
    Put<uint32_t>(0);  // the record's size, set below
    Put<int32_t>(c.table);
    Put<int64_t>(c.order);
    Put<int64_t>(c.seq);
    Put<uint8_t>(static_cast<uint8_t>(c.kind));
    Put<uint8_t>(static_cast<uint8_t>(c.prev_kind));
    Put<uint32_t>(static_cast<uint32_t>(c.id.size()));
    buffer_ += c.id;
    if (c.kind != SpilledChange::Kind::kRemove) PutDigest(c.hash);
    if (c.prev_kind == SpilledChange::Prev::kHash) PutDigest(c.prev);
    auto size = static_cast<uint32_t>(buffer_.size() - offset);
    std::memcpy(buffer_.data() + offset, &size, sizeof size);
    keys_.push_back({.head = IdPrefix(c.id, 0),
                     .tail = IdPrefix(c.id, 8),
                     .table = c.table,
                     .size = size,
                     .offset = offset});
    if (buffer_.size() >= run_bytes_) {
      TRY(WriteRun());
    }
    return {};
  }

  Result<void> ForEachSorted(
      const std::function<Result<void>(const SpilledChange&)>& each) override {
    SpilledChange c;
    if (runs_.empty()) {  // everything fitted in memory
      SortKeys();
      for (const Key& k : keys_) {
        Decode(std::string_view(buffer_).substr(k.offset, k.size), c);
        TRY(each(c));
      }
      return {};
    }
    TRY(WriteRun());
    std::string().swap(buffer_);
    std::vector<Key>().swap(keys_);
    std::vector<RunReader> readers;
    readers.reserve(runs_.size());
    for (const auto& [begin, end] : runs_) readers.push_back({.pos = begin, .end = end});
    // A min-heap of the runs by their current record.
    auto after = [](const RunReader* a, const RunReader* b) { return Less(b->record, a->record); };
    std::vector<RunReader*> heap;
    for (RunReader& r : readers) {
      ASSIGN_OR_RETURN(bool more, Next(r));
      if (more) heap.push_back(&r);
    }
    std::make_heap(heap.begin(), heap.end(), after);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), after);
      RunReader* r = heap.back();
      Decode(r->record, c);
      TRY(each(c));
      ASSIGN_OR_RETURN(bool more, Next(*r));
      if (more) {
        std::push_heap(heap.begin(), heap.end(), after);
      } else {
        heap.pop_back();
      }
    }
    return {};
  }

 private:
  // A record: u32 size, i32 table, i64 order, i64 seq, u8 kind, u8 prev kind, u32 id size, the
  // id, then the hash's 32 bytes unless the change is a removal, and the prev's when it is one.
  static constexpr size_t kIdAt = 4 + 4 + 8 + 8 + 1 + 1;

  // A record's place in the buffer, with what sorts most records without reading them: the
  // table and the id's first 16 bytes.
  struct Key {
    uint64_t head, tail;  // IdPrefix at 0 and at 8
    int32_t table;
    uint32_t size;
    size_t offset;
  };
  // Bytes [from, from + 8) of an id as a big-endian number, zeros past its end: two ids whose
  // numbers differ are in the same order bytewise; equal numbers leave it open.
  static uint64_t IdPrefix(std::string_view id, size_t from) {
    uint64_t v = 0;
    for (size_t i = from; i < from + 8; ++i) {
      v = (v << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    }
    return v;
  }
  struct RunReader {
    uint64_t pos, end;  // what is left of the run in the file, after `data`
    std::string data;   // read ahead
    size_t at = 0;      // the next record in `data`
    std::string_view record;
  };

  template <class T>
  void Put(T v) {
    buffer_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>
  static T Get(std::string_view r, size_t at) {
    T v;
    std::memcpy(&v, r.data() + at, sizeof v);
    return v;
  }
  void PutDigest(const Sha256Digest& digest) {
    buffer_.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  }
  static void Decode(std::string_view r, SpilledChange& c) {
    c.table = Get<int32_t>(r, 4);
    c.order = Get<int64_t>(r, 8);
    c.seq = Get<int64_t>(r, 16);
    c.kind = static_cast<SpilledChange::Kind>(Get<uint8_t>(r, 24));
    c.prev_kind = static_cast<SpilledChange::Prev>(Get<uint8_t>(r, 25));
    auto id_size = Get<uint32_t>(r, kIdAt);
    c.id.assign(r.substr(kIdAt + 4, id_size));
    size_t at = kIdAt + 4 + id_size;
    if (c.kind != SpilledChange::Kind::kRemove) {
      std::memcpy(c.hash.data(), r.data() + at, c.hash.size());
      at += c.hash.size();
    }
    if (c.prev_kind == SpilledChange::Prev::kHash) {
      std::memcpy(c.prev.data(), r.data() + at, c.prev.size());
    }
  }
  // By table, then id (bytewise), then order of arrival.
  static bool Less(std::string_view a, std::string_view b) {
    auto ta = Get<int32_t>(a, 4), tb = Get<int32_t>(b, 4);
    if (ta != tb) return ta < tb;
    std::string_view ida = a.substr(kIdAt + 4, Get<uint32_t>(a, kIdAt));
    std::string_view idb = b.substr(kIdAt + 4, Get<uint32_t>(b, kIdAt));
    if (int cmp = ida.compare(idb); cmp != 0) return cmp < 0;
    return Get<int64_t>(a, 8) < Get<int64_t>(b, 8);
  }
  void SortKeys() {
    std::string_view all(buffer_);
    std::sort(keys_.begin(), keys_.end(), [&](const Key& a, const Key& b) {
      if (a.table != b.table) return a.table < b.table;
      if (a.head != b.head) return a.head < b.head;
      if (a.tail != b.tail) return a.tail < b.tail;
      return Less(all.substr(a.offset, a.size), all.substr(b.offset, b.size));
    });
  }

  static Message FileError(const char* code, const char* reason) {
    return Msg(code, {{"path", "(temporary)"}, {"reason", reason}});
  }

  // An unnamed file in the directory SQLite would use for its own temporary files
  // (SQLITE_TMPDIR, TMPDIR, /var/tmp, /usr/tmp, /tmp), removed as soon as it is open.
  Result<void> OpenFile() {
    std::vector<std::string> dirs;
    for (const char* name : {"SQLITE_TMPDIR", "TMPDIR"}) {
      if (const char* dir = std::getenv(name); dir != nullptr && *dir != '\0') dirs.push_back(dir);
    }
    for (const char* dir : {"/var/tmp", "/usr/tmp", "/tmp"}) dirs.push_back(dir);
    int error = 0;
    for (const std::string& dir : dirs) {
      std::string path = dir + "/sokuo-verify-XXXXXX";
      int fd = ::mkstemp(path.data());
      if (fd < 0) {
        error = errno;
        continue;
      }
      ::unlink(path.c_str());
      fd_ = fd;
      return {};
    }
    return Fail(ErrorCode::kStorage, FileError("file.cannot_write", std::strerror(error)));
  }

  // The records so far, sorted, to the end of the file as one run.
  Result<void> WriteRun() {
    if (keys_.empty()) return {};
    if (fd_ < 0) {
      TRY(OpenFile());
    }
    SortKeys();
    std::string out;
    out.reserve(size_t{1} << 20);
    uint64_t begin = file_end_;
    auto flush = [&]() -> Result<void> {
      for (size_t done = 0; done < out.size();) {
        ssize_t n =
            ::pwrite(fd_, out.data() + done, out.size() - done, static_cast<off_t>(file_end_));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          return Fail(ErrorCode::kStorage, FileError("file.cannot_write", std::strerror(errno)));
        }
        done += static_cast<size_t>(n);
        file_end_ += static_cast<uint64_t>(n);
      }
      out.clear();
      return {};
    };
    for (const Key& k : keys_) {
      out.append(buffer_, k.offset, k.size);
      if (out.size() >= (size_t{1} << 20)) {
        TRY(flush());
      }
    }
    TRY(flush());
    runs_.emplace_back(begin, file_end_);
    buffer_.clear();
    keys_.clear();
    return {};
  }

  // Moves `r` to its next record; false at the end of its run.
  Result<bool> Next(RunReader& r) {
    r.at += r.record.size();
    auto available = [&] { return r.data.size() - r.at; };
    auto fill = [&](size_t need) -> Result<void> {
      r.data.erase(0, r.at);
      r.at = 0;
      while (r.data.size() < need && r.pos < r.end) {
        size_t want = std::max(need - r.data.size(), kReadBytes);
        want = static_cast<size_t>(std::min<uint64_t>(want, r.end - r.pos));
        size_t had = r.data.size();
        r.data.resize(had + want);
        ssize_t n = 0;
        do {
          n = ::pread(fd_, r.data.data() + had, want, static_cast<off_t>(r.pos));
        } while (n < 0 && errno == EINTR);
        if (n <= 0) {
          return Fail(ErrorCode::kStorage,
                      FileError("file.cannot_read", n < 0 ? std::strerror(errno) : "truncated"));
        }
        r.data.resize(had + static_cast<size_t>(n));
        r.pos += static_cast<uint64_t>(n);
      }
      if (r.data.size() < need) {
        return Fail(ErrorCode::kStorage, FileError("file.cannot_read", "truncated"));
      }
      return {};
    };
    if (available() == 0 && r.pos == r.end) {
      r.record = {};
      return false;
    }
    if (available() < 4) {
      TRY(fill(4));
    }
    auto size = Get<uint32_t>(std::string_view(r.data).substr(r.at), 0);
    if (available() < size) {
      TRY(fill(size));
    }
    r.record = std::string_view(r.data).substr(r.at, size);
    return true;
  }

  size_t run_bytes_;
  std::string buffer_;  // the current run's records, as they arrived
  std::vector<Key> keys_;
  int fd_ = -1;
  uint64_t file_end_ = 0;
  std::vector<std::pair<uint64_t, uint64_t>> runs_;  // [begin, end) in the file
};

}  // namespace

std::unique_ptr<ReplaySpill> MakeFileSpill(size_t run_bytes) {
  return std::make_unique<RunSpill>(run_bytes);
}

}  // namespace sokuo::store
