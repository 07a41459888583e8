#include "core/organization.h"

#include <algorithm>
#include <set>

namespace sokuo::core {
namespace {

template <class T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Department* Organization::FindDepartment(std::string_view id) const {
  return FindById(departments, id);
}
const Person* Organization::FindPerson(std::string_view id) const { return FindById(people, id); }
const ExternalContact* Organization::FindContact(std::string_view id) const {
  return FindById(contacts, id);
}
const InfoSystem* Organization::FindSystem(std::string_view id) const {
  return FindById(systems, id);
}

const Obligation* Organization::FindObligation(std::string_view id) const {
  return FindById(obligations, id);
}

const Control* Organization::FindControl(std::string_view id) const {
  return FindById(controls, id);
}

const Host* Organization::FindHost(std::string_view system, std::string_view name) const {
  const InfoSystem* s = FindSystem(system);
  if (s == nullptr) return nullptr;
  for (const Host& h : s->hosts) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

Result<Calendar> CompanyCalendar(const Organization& org) {
  std::set<Day> closed;
  for (const Holiday& h : org.company.holidays) {
    if (auto day = ParseDay(h.date)) closed.insert(*day);
  }
  return Calendar::Create(org.company.time_zone, std::move(closed));
}

}  // namespace sokuo::core
