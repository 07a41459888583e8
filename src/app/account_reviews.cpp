// G4.2.4: the review of user-management settings, as part of the routine controls.
#include "app/authorization.h"
#include "app/control_service.h"
#include "store/control_rows.h"

namespace sokuo::app {
namespace {

constexpr size_t kMaxHostLabel = 100;

}  // namespace

Result<store::AccountReview> ControlService::ReviewAccounts(const std::string& occurrence,
                                                            const std::string& host,
                                                            std::string_view listing,
                                                            const Actor& actor) {
  TRY(Authorize(actor, Permission::kReport));
  if (host.empty() || host.size() > kMaxHostLabel) {
    return Fail(ErrorCode::kInvalidInput, Msg("accounts.host_needed"), "?host");
  }
  ASSIGN_OR_RETURN(core::AccountListing read, core::ReadAccountListing(listing));
  Timestamp now = ctx_.clock().Now();
  store::AccountReview review;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(auto o, store::LoadOccurrence(tx, occurrence));
    if (!o) {
      return Fail(ErrorCode::kNotFound, Msg("control.occurrence_not_found", {{"id", occurrence}}));
    }
    ASSIGN_OR_RETURN(const core::Control* c, ControlToRecord(*org, *o, actor));
    ASSIGN_OR_RETURN(Timestamp start, ParseRfc3339(o->starts_at));
    review.id = occurrence + "/" + host;
    ASSIGN_OR_RETURN(store::Table existing, tx.ReadWhere("account_reviews", "id", review.id));
    if (!existing.empty()) {
      return Fail(ErrorCode::kConflict,
                  Msg("accounts.reviewed", {{"host", host}, {"id", occurrence}}));
    }
    review.occurrence = occurrence;
    review.control = c->id;
    review.host = host;
    review.starts = start.time_since_epoch().count();
    ASSIGN_OR_RETURN(auto previous, store::PreviousAccountReview(tx, c->id, host, review.starts));
    review.changes = core::CompareAccounts(previous ? &previous->listing : nullptr, read, *org);
    review.listing = std::move(read);
    review.previous = previous ? previous->id : "";
    review.by = actor.id;
    review.at = FormatRfc3339(now);
    TRY(store::SaveAccountReview(tx, review));
    const core::AccountChanges& ch = review.changes;
    TRY(tx.Append({.at = now,
                   .actor = actor.id,
                   .action = "control.accounts",
                   .subject = "control:" + c->id,
                   .body = {{"review", review.id},
                            {"accounts", review.listing.accounts.size()},
                            {"added", ch.added},
                            {"removed", ch.removed},
                            {"unknown", ch.unknown},
                            {"new_privileged", ch.new_privileged.size()}}}));
    return {};
  }));
  return review;
}

Result<std::vector<store::AccountReview>> ControlService::AccountReviews(
    const std::string& occurrence, const Actor& actor) {
  TRY(Authorize(actor, Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto o, store::LoadOccurrence(ctx_.store(), occurrence));
  if (!o) {
    return Fail(ErrorCode::kNotFound, Msg("control.occurrence_not_found", {{"id", occurrence}}));
  }
  return store::LoadAccountReviews(ctx_.store(), occurrence);
}

}  // namespace sokuo::app
