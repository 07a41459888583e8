// One pagination for every list: a request (offset, limit) and the page it yields. Every list
// of every area pages through Paginate, and every adapter encodes a Page the same way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

namespace sokuo::app {

struct PageRequest {
  size_t offset = 0;
  size_t limit = 50;
  // Keyset pagination, where a list offers it: the next_cursor of the page before (the
  // offset then counts from there).
  std::string cursor;
  static constexpr size_t kMaxLimit = 500;
};

template <class T>
struct Page {
  std::vector<T> items;
  size_t total = 0;  // items matching the filter, over all pages
  size_t offset = 0;
  size_t limit = 0;
  std::string next_cursor;  // where a list offers it: the cursor of the next page; "" at the end
};

// The items of `all` that `keep` accepts, from the page's offset, at most its limit.
template <class T, class Keep>
Page<T> Paginate(std::vector<T> all, PageRequest page, Keep keep) {
  Page<T> out;
  out.offset = page.offset;
  out.limit = std::min(page.limit, PageRequest::kMaxLimit);
  for (T& item : all) {
    if (!keep(item)) continue;
    if (out.total >= out.offset && out.items.size() < out.limit) {
      out.items.push_back(std::move(item));
    }
    ++out.total;
  }
  return out;
}

// The same page with each item turned by `map` (for work worth doing on one page only).
template <class T, class Map>
auto MapPage(Page<T> page, Map map) {
  Page<std::invoke_result_t<Map, T&&>> out{
      {}, page.total, page.offset, page.limit, page.next_cursor};
  out.items.reserve(page.items.size());
  for (T& item : page.items) out.items.push_back(map(std::move(item)));
  return out;
}

}  // namespace sokuo::app
