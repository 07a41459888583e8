#include "report/binder.h"

#include <algorithm>

#include "report/html.h"
#include "report/words.h"

namespace sokuo::report {
namespace {

class Binder : public Words {
 public:
  using Words::Words;

  void Committee(Html& h) const {
    h.Element("h2", T("binder.committee"));
    h.Raw("<table>");
    Row(h,
        {T("binder.role"), T("binder.name"), T("binder.department"), T("binder.phone"),
         T("binder.email")},
        true);
    auto person_row = [&](const std::string& role, const std::string& id) {
      const core::Person* p = org().FindPerson(id);
      Row(h, {role, Person(id), p ? Department(p->department) + " " + p->title : "", Phones(id),
              p ? p->email : ""});
    };
    for (core::RoleKind kind :
         {core::RoleKind::kCommitteeChair, core::RoleKind::kCommitteeMember}) {
      for (const core::RoleAssignment& r : org().roles) {
        if (r.role != kind) continue;
        std::string role =
            T(kind == core::RoleKind::kCommitteeChair ? "binder.chair" : "binder.member");
        person_row(role, r.person);
        for (size_t i = 0; i < r.deputies.size(); ++i) {
          person_row(T("binder.deputy", {{"n", std::to_string(i + 1)}, {"of", role}}),
                     r.deputies[i]);
        }
      }
    }
    h.Raw("</table>\n");
  }

  void ContactTree(Html& h) const {
    h.Element("h2", T("binder.contact_tree"));
    h.Element("p", T("binder.contact_tree_help"));
    h.Raw("<table>");
    Row(h, {T("binder.role"), T("binder.name"), T("binder.phone"), T("binder.deputies")}, true);
    auto deputies = [&](const std::vector<std::string>& ids) {
      std::string out;
      for (const std::string& d : ids) {
        out += (out.empty() ? "" : "; ") + Person(d) + " " + Phones(d);
      }
      return out;
    };
    for (const core::RoleAssignment& r : org().roles) {
      if (r.role != core::RoleKind::kSteeringCouncilChair && r.role != core::RoleKind::kIsStaff) {
        continue;
      }
      std::string code = "ui.org_role." + std::string(core::kRoleKinds.Name(r.role));
      Row(h, {T(code.c_str()), Person(r.person), Phones(r.person), deputies(r.deputies)});
    }
    h.Raw("</table>\n");
    for (const core::Department& d : org().departments) {
      std::vector<const core::RoleAssignment*> plan;
      for (const core::RoleAssignment& r : org().roles) {
        if (r.role == core::RoleKind::kActionPlan && r.department == d.id) plan.push_back(&r);
      }
      if (d.head.empty() && plan.empty()) continue;
      h.Element("h3", NameOf(d));
      h.Raw("<table>");
      Row(h, {T("binder.role"), T("binder.name"), T("binder.phone"), T("binder.deputies")}, true);
      if (!d.head.empty()) Row(h, {T("binder.head"), Person(d.head), Phones(d.head), ""});
      for (const core::RoleAssignment* r : plan) {
        Row(h, {r->title, Person(r->person), Phones(r->person), deputies(r->deputies)});
      }
      h.Raw("</table>\n");
    }
  }

  void Contacts(Html& h) const {
    h.Element("h2", T("binder.contacts"));
    // Public agencies first: they are who a breach must reach (G4.3.2c).
    std::vector<const core::ExternalContact*> all;
    for (const auto& c : org().contacts) all.push_back(&c);
    auto rank = [](core::ContactKind k) {
      switch (k) {
        case core::ContactKind::kPolice:
        case core::ContactKind::kCsirt:
        case core::ContactKind::kIpa:
        case core::ContactKind::kRegulator:
        case core::ContactKind::kAuthority:
          return 0;
        case core::ContactKind::kVendor:
        case core::ContactKind::kInsurer:
          return 1;
        default:
          return 2;
      }
    };
    std::stable_sort(all.begin(), all.end(),
                     [&](auto* a, auto* b) { return rank(a->kind) < rank(b->kind); });
    h.Raw("<table>");
    Row(h, {T("binder.kind"), T("binder.name"), T("binder.reach"), T("binder.contract")}, true);
    for (const core::ExternalContact* c : all) {
      std::string reach = c->person;
      for (const core::Channel& ch : c->channels) {
        reach += (reach.empty() ? "" : "\n") + std::string(core::kChannelKinds.Name(ch.kind)) +
                 ": " + ch.value + (ch.note.empty() ? "" : " (" + ch.note + ")");
      }
      std::string contract;
      if (c->contract) {
        contract = T("binder.contract_line", {{"number", c->contract->number},
                                              {"hours", c->contract->hours},
                                              {"coverage", c->contract->coverage},
                                              {"expires", c->contract->expires}});
      }
      if (!c->note.empty()) contract += (contract.empty() ? "" : "\n") + c->note;
      std::string kind = "binder.contact_kind." + std::string(core::kContactKinds.Name(c->kind));
      h.Raw("<tr>").Element("td", T(kind.c_str()));
      h.Element("td", NameOf(*c));
      h.Raw("<td>");
      Lines(h, reach);
      h.Raw("</td><td>");
      Lines(h, contract);
      h.Raw("</td></tr>\n");
    }
    h.Raw("</table>\n");
  }

  void Systems(Html& h) const {
    h.Element("h2", T("binder.systems"));
    for (core::Tier tier : {core::Tier::kA, core::Tier::kB, core::Tier::kC}) {
      std::string tier_code = "ui.org_tier." + std::string(core::kTiers.Name(tier));
      h.Element("h3", T(tier_code.c_str()));
      h.Raw("<table>");
      Row(h,
          {T("binder.system"), T("binder.depends_on"), T("binder.rto"), T("binder.backup"),
           T("binder.alternate"), T("binder.workaround"), T("binder.vendor")},
          true);
      for (const core::InfoSystem& s : org().systems) {
        if (s.tier != tier) continue;
        std::string depends;
        for (const std::string& d : s.depends_on) {
          const core::InfoSystem* x = org().FindSystem(d);
          depends += (depends.empty() ? "" : ", ") + (x ? NameOf(*x) : d);
        }
        std::string rto =
            s.rto_hours ? T("binder.hours", {{"n", std::to_string(*s.rto_hours)}}) : "";
        std::string backup = s.backup.method;
        if (!s.backup.frequency.empty()) backup += " (" + s.backup.frequency + ")";
        if (!s.backup.last_verified.empty()) {
          backup += "\n" + T("binder.last_verified", {{"date", s.backup.last_verified}});
        }
        std::string alternate = s.alternate_site;
        if (!s.redundancy.empty()) alternate += (alternate.empty() ? "" : "\n") + s.redundancy;
        std::string workaround = s.workaround;
        if (!s.degraded_mode.empty())
          workaround += (workaround.empty() ? "" : "\n") + s.degraded_mode;
        std::string vendor;
        if (const core::ExternalContact* v = org().FindContact(s.vendor)) {
          vendor = NameOf(*v);
          for (const core::Channel& ch : v->channels) {
            if (ch.kind == core::ChannelKind::kPhone) vendor += "\n" + ch.value;
          }
          if (v->contract) vendor += "\n" + v->contract->number + " " + v->contract->hours;
        }
        h.Raw("<tr>");
        h.Element("td", NameOf(s) + " (" + Department(s.owner) + ")");
        for (const std::string& cell : {depends, rto, backup, alternate, workaround, vendor}) {
          h.Raw("<td>");
          Lines(h, cell);
          h.Raw("</td>");
        }
        h.Raw("</tr>\n");
      }
      h.Raw("</table>\n");
    }
  }

  // A form to fill in by hand, on a page of its own: its title, how to fill it, its columns.
  void FormHead(Html& h, const char* title, const char* help,
                const std::vector<std::string>& columns) const {
    h.Raw("<section class=\"form\">");
    h.Element("h2", T(title));
    h.Element("p", T(help));
    h.Raw("<table>");
    Row(h, columns, true);
  }

  // G5.2.4: what is broken, filled in by hand during the survey.
  void DamageSurvey(Html& h) const {
    FormHead(h, "binder.damage_survey", "binder.damage_survey_help",
             {T("binder.system"), T("binder.state"), T("binder.damage"), T("binder.checked_by"),
              T("binder.checked_at")});
    for (core::Tier tier : {core::Tier::kA, core::Tier::kB, core::Tier::kC}) {
      for (const core::InfoSystem& s : org().systems) {
        if (s.tier != tier) continue;
        h.Raw("<tr class=\"blank\">").Element("td", NameOf(s));
        h.Element("td", T("binder.state_choices"));
        h.Raw("<td></td><td></td><td></td></tr>\n");
      }
    }
    h.Raw("</table></section>\n");
  }

  // G5.2.3: who is safe and who can work.
  void RollCall(Html& h) const {
    FormHead(h, "binder.roll_call", "binder.roll_call_help",
             {T("binder.name"), T("binder.department"), T("binder.phone"), T("binder.safety"),
              T("binder.can_work"), T("binder.checked_at")});
    for (const core::Department& d : org().departments) {
      for (const core::Person& p : org().people) {
        if (p.department != d.id) continue;
        Row(h, {NameOf(p), NameOf(d), Phones(p.id), T("binder.safety_choices"),
                T("binder.work_choices"), ""});
      }
    }
    h.Raw("</table></section>\n");
  }
};

}  // namespace

std::string BinderHtml(const core::Organization& org, const Stamp& stamp, const Calendar& calendar,
                       Lang lang) {
  Binder b(org, calendar, lang);
  Html h;
  Begin(h, b, b.T("binder.title", {{"company", b.Company()}}), stamp);
  h.Element("p", b.T("binder.how_to_use"));
  h.Raw("</header>\n");
  b.Committee(h);
  b.ContactTree(h);
  b.Contacts(h);
  b.Systems(h);
  b.DamageSurvey(h);
  b.RollCall(h);
  End(h);
  return h.str();
}

}  // namespace sokuo::report
