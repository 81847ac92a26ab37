#include "core/error.hpp"

#include <utility>

namespace sbfdw {

Error::Error(std::string sqlstate, std::string message, std::string detail, std::string hint)
    : sqlstate_(std::move(sqlstate)), message_(std::move(message)), detail_(std::move(detail)),
      hint_(std::move(hint)) {
    if (sqlstate_.size() != 5)
        sqlstate_ = sqlstate::kInternalError;
}

void Error::add_detail(const std::string &line) {
    if (line.empty())
        return;
    if (!detail_.empty())
        detail_ += '\n';
    detail_ += line;
}

} // namespace sbfdw
