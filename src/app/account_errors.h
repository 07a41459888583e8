// The errors the account service's files share (account_service.cpp, account_tokens.cpp).
#pragma once

#include <string>
#include <utility>

#include "base/error.h"
#include "base/message.h"

namespace sokuo::app {

// A refused caller: 401, worded by `msg`.
inline Error Unauthorized(Message msg) {
  std::string text = Render(msg, Lang::kEn);
  return Error{ErrorCode::kUnauthorized, std::move(text), {}, {}, std::move(msg)};
}

inline Message NoAccount(const std::string& person) {
  return Msg("account.not_found", {{"person", person}});
}

}  // namespace sokuo::app
