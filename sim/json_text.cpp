#include "json_text.hpp"

#include <charconv>

namespace sim {

void append_json_int(std::string &out, int64_t value) {
    char buf[24];
    auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

} // namespace sim
