#include "request_log.hpp"

#include "json_text.hpp"

namespace sim {

bool is_secret_field(const std::string &name) {
    return name == "AuthToken" || name == "AuthCode";
}

void RequestLog::add(LoggedRequest entry) {
    for (auto &field : entry.fields)
        if (is_secret_field(field.first))
            field.second = "\"***\"";
    entries_.emplace_back(next_seq_++, std::move(entry));
    if (entries_.size() > kMaxEntries)
        entries_.pop_front();
}

std::string RequestLog::to_json() const {
    std::string out = "[";
    for (const auto &[seq, entry] : entries_) {
        if (out.size() > 1)
            out += ',';
        out += "{\"seq\":";
        append_json_int(out, static_cast<int64_t>(seq));
        out += ",\"time\":";
        append_json_string(out, sbfdw::format_kst_datetime(entry.sim_time));
        out += ",\"real_time\":";
        append_json_string(out, sbfdw::format_kst_datetime(entry.real_time));
        out += ",\"signal\":";
        append_json_string(out, entry.signal);
        out += ",\"fields\":";
        if (!entry.body_is_json) {
            out += "null";
        } else {
            out += '{';
            bool first = true;
            for (const auto &[name, value] : entry.fields) {
                if (!first)
                    out += ',';
                first = false;
                append_json_string(out, name);
                out += ':';
                out += value; // already compact JSON
            }
            out += '}';
        }
        out += ",\"result_code\":";
        if (entry.result_code.empty())
            out += "null";
        else
            append_json_string(out, entry.result_code);
        out += ",\"http_status\":";
        append_json_int(out, entry.http_status);
        out += ",\"fault\":";
        if (entry.fault.empty())
            out += "null";
        else
            append_json_string(out, entry.fault);
        out += ",\"rows\":";
        append_json_int(out, static_cast<int64_t>(entry.rows));
        out += '}';
    }
    out += ']';
    return out;
}

} // namespace sim
