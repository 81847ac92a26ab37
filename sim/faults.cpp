#include "faults.hpp"

#include <simdjson.h>

#include "json_text.hpp"

namespace sim {
namespace {

struct KindName {
    FaultKind kind;
    const char *name;
};

constexpr KindName kKinds[] = {
    {FaultKind::Latency, "latency"},
    {FaultKind::HttpStatus, "http_status"},
    {FaultKind::Reset, "reset"},
    {FaultKind::Truncated, "truncated"},
    {FaultKind::InvalidJson, "invalid_json"},
    {FaultKind::WrongType, "wrong_type"},
    {FaultKind::MissingField, "missing_field"},
    {FaultKind::NullField, "null_field"},
    {FaultKind::Oversized, "oversized"},
    {FaultKind::InvalidUtf8, "invalid_utf8"},
    {FaultKind::ReplaceField, "replace_field"},
    {FaultKind::SlowDrip, "slow_drip"},
    {FaultKind::ResultCode, "result_code"},
};

bool read_int(simdjson::dom::object &object, const char *key, int64_t low, int64_t high,
              int64_t &out, std::string &error) {
    simdjson::dom::element value;
    if (object[key].get(value))
        return true; // absent: keep the default
    int64_t number;
    if (value.get_int64().get(number) || number < low || number > high) {
        error = std::string(key) + " must be an integer from " + std::to_string(low) + " to " +
                std::to_string(high);
        return false;
    }
    out = number;
    return true;
}

} // namespace

const char *fault_kind_name(FaultKind kind) {
    for (const auto &entry : kKinds)
        if (entry.kind == kind)
            return entry.name;
    return "?";
}

std::optional<FieldFault> Fault::field_fault() const {
    FieldFault fault;
    switch (kind) {
    case FaultKind::WrongType:
        fault.mode = FieldFault::Mode::WrongType;
        break;
    case FaultKind::MissingField:
        fault.mode = FieldFault::Mode::Missing;
        break;
    case FaultKind::NullField:
        fault.mode = FieldFault::Mode::Null;
        break;
    case FaultKind::Oversized:
        fault.mode = FieldFault::Mode::Oversized;
        break;
    case FaultKind::InvalidUtf8:
        fault.mode = FieldFault::Mode::InvalidUtf8;
        break;
    case FaultKind::ReplaceField:
        fault.mode = FieldFault::Mode::Replace;
        fault.replacement = value;
        break;
    default:
        return std::nullopt;
    }
    fault.field = field;
    fault.all_rows = all_rows;
    if (kind == FaultKind::Oversized && bytes > 0)
        fault.oversized_bytes = bytes;
    return fault;
}

std::optional<Fault> parse_fault(std::string_view json, std::string &error) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (parser.parse(json.data(), json.size()).get(root) || root.get_object().get(object)) {
        error = "body must be a JSON object";
        return std::nullopt;
    }
    std::string_view kind_name;
    if (object["kind"].get_string().get(kind_name)) {
        error = "kind is required";
        return std::nullopt;
    }
    Fault fault;
    bool known = false;
    for (const auto &entry : kKinds)
        if (kind_name == entry.name) {
            fault.kind = entry.kind;
            known = true;
        }
    if (!known) {
        error = "unknown kind: " + std::string(kind_name);
        return std::nullopt;
    }
    switch (fault.kind) {
    case FaultKind::Oversized:
    case FaultKind::InvalidUtf8:
    case FaultKind::ReplaceField:
        fault.field = "SUP_COM_NAME";
        break;
    default:
        fault.field = "SUP_AMOUNT";
    }
    fault.all_rows = fault.kind != FaultKind::Oversized;

    std::string_view text;
    if (!object["signal"].get_string().get(text))
        fault.signal = std::string(text);
    if (!object["field"].get_string().get(text))
        fault.field = std::string(text);
    if (!object["value"].get_string().get(text))
        fault.value = std::string(text);
    bool all_rows;
    if (!object["all_rows"].get_bool().get(all_rows))
        fault.all_rows = all_rows;

    double fraction;
    bool has_fraction = !object["fraction"].get_double().get(fraction);
    if (has_fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            error = "fraction must be in (0, 1]";
            return std::nullopt;
        }
        fault.fraction = fraction;
        fault.remaining = -1;
    }
    int64_t number = fault.remaining;
    if (!read_int(object, "count", 1, 1000000, number, error))
        return std::nullopt;
    fault.remaining = static_cast<int>(number);

    number = fault.ms;
    if (!read_int(object, "ms", 0, 600000, number, error))
        return std::nullopt;
    fault.ms = static_cast<int>(number);
    number = fault.status;
    if (!read_int(object, "status", 400, 599, number, error))
        return std::nullopt;
    fault.status = static_cast<int>(number);
    number = static_cast<int64_t>(fault.bytes);
    if (!read_int(object, "bytes", 0, 512LL * 1024 * 1024, number, error))
        return std::nullopt;
    fault.bytes = static_cast<size_t>(number);
    number = fault.chunk_bytes;
    if (!read_int(object, "chunk_bytes", 1, 1 << 20, number, error))
        return std::nullopt;
    fault.chunk_bytes = static_cast<int>(number);
    number = fault.pause_ms;
    if (!read_int(object, "pause_ms", 0, 10000, number, error))
        return std::nullopt;
    fault.pause_ms = static_cast<int>(number);
    number = fault.retry_after;
    if (!read_int(object, "retry_after", 0, 86400, number, error))
        return std::nullopt;
    fault.retry_after = static_cast<int>(number);

    // The forced code may come as a string ("32002") or a number (32002).
    simdjson::dom::element code;
    if (!object["code"].get(code)) {
        int64_t code_number;
        if (!code.get_string().get(text))
            fault.code = std::string(text);
        else if (!code.get_int64().get(code_number))
            fault.code = std::to_string(code_number);
        if (fault.code.size() != 5 ||
            fault.code.find_first_not_of("0123456789") != std::string::npos) {
            error = "code must be a five-digit result code";
            return std::nullopt;
        }
    }
    return fault;
}

void FaultPlan::clear() {
    faults_.clear();
    rng_ = seed_;
}

double FaultPlan::next_uniform() {
    // splitmix64: deterministic for a given seed and sequence of requests.
    uint64_t z = (rng_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) / static_cast<double>(1ULL << 53);
}

std::optional<Fault> FaultPlan::take(std::string_view signal) {
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (!it->signal.empty() && it->signal != signal)
            continue;
        if (it->fraction >= 0 && next_uniform() >= it->fraction)
            continue;
        Fault applied = *it;
        if (it->remaining > 0 && --it->remaining == 0)
            faults_.erase(it);
        return applied;
    }
    return std::nullopt;
}

std::string FaultPlan::to_json() const {
    std::string out = "[";
    for (const auto &fault : faults_) {
        if (out.size() > 1)
            out += ',';
        JsonObjectWriter object(out);
        object.text("kind", fault_kind_name(fault.kind));
        object.text("signal", fault.signal);
        object.number("remaining", fault.remaining);
        if (fault.fraction >= 0) {
            object.key("fraction");
            out += std::to_string(fault.fraction);
        }
        object.finish();
    }
    out += ']';
    return out;
}

} // namespace sim
