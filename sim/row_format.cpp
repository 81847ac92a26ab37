#include "row_format.hpp"

#include <cstdio>

#include "json_text.hpp"

namespace sim {
namespace {

// Writes the fields of one JSON object, applying the field fault when its name comes up.
class RowWriter {
public:
    RowWriter(std::string &out, const FieldFault *fault) : out_(out), object_(out), fault_(fault) {}
    ~RowWriter() { object_.finish(); }

    void text(std::string_view name, std::string_view value) {
        if (intercepted(name, value, false))
            return;
        key(name);
        append_json_string(out_, value);
    }

    // dotnet: an empty string is written as null.
    void text_or_null(std::string_view name, std::string_view value, bool empty_as_null) {
        if (empty_as_null && value.empty()) {
            if (intercepted(name, value, false))
                return;
            key(name);
            out_ += "null";
            return;
        }
        text(name, value);
    }

    void number(std::string_view name, int64_t value) {
        std::string digits;
        append_json_int(digits, value);
        if (intercepted(name, digits, true))
            return;
        key(name);
        out_ += digits;
    }

    void null(std::string_view name) {
        if (intercepted(name, "", false))
            return;
        key(name);
        out_ += "null";
    }

private:
    void key(std::string_view name) { object_.key(name); }

    // True when the fault wrote (or dropped) the field instead of the normal writer.
    bool intercepted(std::string_view name, std::string_view value, bool is_number) {
        if (!fault_ || fault_->field != name)
            return false;
        switch (fault_->mode) {
        case FieldFault::Mode::Missing:
            return true;
        case FieldFault::Mode::Null:
            key(name);
            out_ += "null";
            return true;
        case FieldFault::Mode::WrongType:
            key(name);
            if (is_number) {
                out_ += "{\"value\":";
                out_ += value;
                out_ += '}';
            } else {
                out_ += "12345";
            }
            return true;
        case FieldFault::Mode::Oversized:
            key(name);
            out_ += '"';
            out_.append(fault_->oversized_bytes, 'A');
            out_ += '"';
            return true;
        case FieldFault::Mode::Replace:
            key(name);
            append_json_string(out_, fault_->replacement);
            return true;
        case FieldFault::Mode::InvalidUtf8: {
            // A lone lead byte followed by '(' (C3 28), placed after the first character.
            size_t first_char = value.empty() ? 0 : 1;
            while (first_char < value.size() && (value[first_char] & 0xC0) == 0x80)
                ++first_char;
            std::string broken(value.substr(0, first_char));
            broken += "\xC3\x28";
            broken += value.substr(first_char);
            key(name);
            append_json_string(out_, broken);
            return true;
        }
        }
        return false;
    }

    std::string &out_;
    JsonObjectWriter object_;
    const FieldFault *fault_;
};

// Dates and times are written by hand: snprintf costs more than the rest of a row.
void put_digits(char *at, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

std::string compact_day(Day day) {
    sbfdw::CivilDate c = sbfdw::civil_from_day(day);
    char buf[8];
    put_digits(buf, c.year, 4);
    put_digits(buf + 4, c.month, 2);
    put_digits(buf + 6, c.day, 2);
    return std::string(buf, 8);
}

std::string datetime_text(Instant instant, Profile profile) {
    const Day day = sbfdw::kst_day_of(instant);
    const sbfdw::CivilDate c = sbfdw::civil_from_day(day);
    const int64_t seconds =
        (instant - sbfdw::kst_day_start(day)) / sbfdw::kMicrosPerSecond; // 0..86399
    const int hh = static_cast<int>(seconds / 3600);
    const int mi = static_cast<int>(seconds / 60 % 60);
    const int ss = static_cast<int>(seconds % 60);
    char buf[19];
    if (profile == Profile::Strings) { // yyyyMMddHHmmss
        put_digits(buf, c.year, 4);
        put_digits(buf + 4, c.month, 2);
        put_digits(buf + 6, c.day, 2);
        put_digits(buf + 8, hh, 2);
        put_digits(buf + 10, mi, 2);
        put_digits(buf + 12, ss, 2);
        return std::string(buf, 14);
    }
    // yyyy-MM-dd HH:mm:ss, or with 'T' for dotnet
    put_digits(buf, c.year, 4);
    buf[4] = '-';
    put_digits(buf + 5, c.month, 2);
    buf[7] = '-';
    put_digits(buf + 8, c.day, 2);
    buf[10] = profile == Profile::DotNet ? 'T' : ' ';
    put_digits(buf + 11, hh, 2);
    buf[13] = ':';
    put_digits(buf + 14, mi, 2);
    buf[16] = ':';
    put_digits(buf + 17, ss, 2);
    return std::string(buf, 19);
}

// Some rows of the strings profile carry ".00" amounts, decided by the approval number so the
// same invoice always looks the same.
bool decimal_amounts(const Invoice &invoice) {
    unsigned sum = 0;
    for (char c : invoice.issue_id)
        sum = sum * 31 + static_cast<unsigned char>(c);
    return sum % 3 == 0;
}

void write_amount(RowWriter &row, std::string_view name, int64_t value, Profile profile,
                  bool decimals) {
    if (profile != Profile::Strings) {
        row.number(name, value);
        return;
    }
    std::string text;
    append_json_int(text, value);
    if (decimals)
        text += ".00";
    row.text(name, text);
}

} // namespace

std::optional<Profile> parse_profile(std::string_view name) {
    if (name == "default")
        return Profile::Default;
    if (name == "dotnet")
        return Profile::DotNet;
    if (name == "strings")
        return Profile::Strings;
    return std::nullopt;
}

const char *profile_name(Profile profile) {
    switch (profile) {
    case Profile::Default:
        return "default";
    case Profile::DotNet:
        return "dotnet";
    case Profile::Strings:
        return "strings";
    }
    return "default";
}

void append_list_row(std::string &out, const Invoice &invoice, bool sales, size_t total_cnt,
                     Profile profile, const FieldFault *fault) {
    const bool nulls = profile == Profile::DotNet;
    const bool decimals = profile == Profile::Strings && decimal_amounts(invoice);
    RowWriter row(out, fault);
    row.text("ISSUE_ID", invoice.issue_id);
    row.text("SUPBUY_TYPE", sales ? "AR" : "AP");
    row.text("DTI_WDATE", profile == Profile::Strings ? compact_day(invoice.write_day)
                                                      : sbfdw::format_day(invoice.write_day));
    row.text("DTI_IDATE", datetime_text(invoice.issued_at, profile));
    row.text("DTI_SDATE", datetime_text(invoice.sent_at, profile));
    row.text("TYPE_CODE", invoice.type_code);
    row.text("DTI_TYPE", invoice.dti_type);
    row.text("TAX_DEMAND", invoice.tax_demand);
    row.text_or_null("SEQ_ID", invoice.seq_id, nulls);
    row.text("SUP_COM_REGNO", invoice.supplier.regno);
    row.text_or_null("SUP_REP_NAME", invoice.supplier.ceo_name, nulls);
    row.text_or_null("SUP_COM_NAME", invoice.supplier.name, nulls);
    row.text_or_null("SUP_EMAIL", invoice.supplier.email, nulls);
    row.text("BYR_COM_REGNO", invoice.buyer.regno);
    row.text_or_null("BYR_REP_NAME", invoice.buyer.ceo_name, nulls);
    row.text_or_null("BYR_COM_NAME", invoice.buyer.name, nulls);
    row.text_or_null("BYR_EMAIL", invoice.buyer.email, nulls);
    write_amount(row, "SUP_AMOUNT", invoice.supply_amount, profile, decimals);
    write_amount(row, "TAX_AMOUNT", invoice.tax_amount, profile, decimals);
    write_amount(row, "TOTAL_AMOUNT", invoice.total_amount, profile, decimals);
    if (profile == Profile::Strings)
        row.text("TOTAL_CNT", std::to_string(total_cnt));
    else
        row.number("TOTAL_CNT", static_cast<int64_t>(total_cnt));
}

void append_xml_row(std::string &out, const std::string &issue_id, const std::string &xml,
                    const FieldFault *fault) {
    RowWriter row(out, fault);
    row.text("ISSUE_ID", issue_id);
    row.text("DTI_MSG", xml);
}

void append_token_row(std::string &out, const std::string &token, std::optional<Instant> expires_at,
                      const FieldFault *fault) {
    RowWriter row(out, fault);
    row.text("AUTH_TOKEN", token);
    if (expires_at)
        row.text("EXPIRATION_DATE", sbfdw::format_kst_datetime(*expires_at));
    else
        row.null("EXPIRATION_DATE");
}

} // namespace sim
