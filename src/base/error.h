// Errors are values. One table gives every error code its HTTP status, its CLI exit code and a
// short default message; adapters (http/, cli/) translate through it and nowhere else.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "base/message.h"

namespace sokuo {

// X(name, slug, http_status, exit_code, default message)
// Exit codes follow DESIGN.md: 1 invalid/refused, 2 usage, 3 not found, 4 conflict, 5 integrity
// check failed, 6 the address to listen on is taken (a condition of the machine, for a script to
// tell apart and a person to fix: not an internal error), 10+ internal. Storage errors answer 503
// (with Retry-After): a busy or failing database is the server's trouble, and usually passes.
#define SOKUO_ERROR_CODES(X)                                                       \
  X(kInvalidInput, "invalid-input", 400, 1, "invalid input")                       \
  X(kUsage, "usage", 400, 2, "wrong usage")                                        \
  X(kUnauthorized, "unauthorized", 401, 1, "authentication required")              \
  X(kForbidden, "forbidden", 403, 1, "not allowed")                                \
  X(kNotFound, "not-found", 404, 3, "not found")                                   \
  X(kConflict, "conflict", 409, 4, "conflict with the current state")              \
  X(kPayloadTooLarge, "payload-too-large", 413, 1, "request body too large")       \
  X(kUnsupportedMedia, "unsupported-media-type", 415, 1, "unsupported media type") \
  X(kIntegrity, "integrity", 500, 5, "integrity check failed")                     \
  X(kAddressInUse, "address-in-use", 500, 6, "address already in use")             \
  X(kIo, "io", 500, 10, "input/output error")                                      \
  X(kStorage, "storage", 503, 11, "storage error")                                 \
  X(kInternal, "internal", 500, 12, "internal error")                              \
  X(kUnavailable, "unavailable", 503, 13, "service unavailable")

enum class ErrorCode {
#define SOKUO_ERROR_ENUM(name, slug, http, exit_code, message) name,
  SOKUO_ERROR_CODES(SOKUO_ERROR_ENUM)
#undef SOKUO_ERROR_ENUM
};

struct ErrorInfo {
  std::string_view slug;
  int http_status;
  int exit_code;
  std::string_view message;
};

const ErrorInfo& Info(ErrorCode code);

// One problem with the input: `where` is a JSON pointer (/systems/3/tier), a file position
// (org.yaml:42:7) or empty. `msg` is the problem as a code (base/message.h); `message` is its
// English text for logs, or legacy text when `msg` is empty.
struct Detail {
  std::string where;
  std::string message;
  Message msg;

  // `msg` in `lang` when there is one, else the legacy `message`.
  std::string Text(Lang lang) const;
  friend bool operator==(const Detail&, const Detail&) = default;
};
std::ostream& operator<<(std::ostream& os, const Detail& d);

// A Detail whose `message` is the English rendering of `msg`.
Detail MakeDetail(std::string where, Message msg);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string where;            // the offending field or position, when there is one
  std::vector<Detail> details;  // every problem found, for inputs checked as a whole
  Message msg;                  // the message as a code; empty for legacy text

  // "where: message", or the message alone, then every detail on a line; in English.
  std::string ToString() const;
  std::string ToString(Lang lang) const;
  // `msg` in `lang` when there is one, else the legacy `message` (or the code's default).
  std::string Text(Lang lang) const;
};

// The catalog's short text of an error code: "error.<slug>" (error.not_found).
Message ErrorTitle(ErrorCode code);

template <class T>
using Result = tl::expected<T, Error>;

// The message as a code; `message` becomes its English rendering for logs.
inline tl::unexpected<Error> Fail(ErrorCode code, Message msg, std::string where = {}) {
  std::string text = Render(msg, Lang::kEn);
  return tl::unexpected<Error>(Error{code, std::move(text), std::move(where), {}, std::move(msg)});
}

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

// kInvalidInput with every problem found ("1 problem in the request" / "3 problems…"); the
// error's `where` is the problem's when there is one. `problems` must not be empty.
inline tl::unexpected<Error> Invalid(std::vector<Detail> problems) {
  Message msg = problems.size() == 1
                    ? Msg("request.one_problem")
                    : Msg("request.problems", {{"count", std::to_string(problems.size())}});
  std::string where = problems.size() == 1 ? problems[0].where : "";
  return tl::unexpected<Error>(Error{ErrorCode::kInvalidInput, Render(msg, Lang::kEn),
                                     std::move(where), std::move(problems), std::move(msg)});
}

}  // namespace sokuo

// TRY(expr): evaluates a Result; on error returns it from the enclosing function.
#define SOKUO_CONCAT_INNER(a, b) a##b
#define SOKUO_CONCAT(a, b) SOKUO_CONCAT_INNER(a, b)
// NOLINTBEGIN(bugprone-macro-parentheses): `var` and `decl` are declarations, not expressions.
#define SOKUO_TRY_IMPL(var, expr) \
  auto var = (expr);              \
  if (!var) return ::tl::unexpected(std::move(var).error())
#define TRY(expr) SOKUO_TRY_IMPL(SOKUO_CONCAT(try_result_, __LINE__), expr)
// ASSIGN_OR_RETURN(decl, expr): `decl = *expr` or return the error.
#define ASSIGN_OR_RETURN(decl, expr)                         \
  SOKUO_TRY_IMPL(SOKUO_CONCAT(try_result_, __LINE__), expr); \
  decl = std::move(*SOKUO_CONCAT(try_result_, __LINE__))
// NOLINTEND(bugprone-macro-parentheses)
