// The options of smartbill_fdw at each level (server, user mapping, foreign table, column), their
// validation with PostgreSQL-style errors, and their translation into settings. The PostgreSQL
// validator function calls validate_option_list() with the complete option list of the object.
#pragma once
#include "core/no_postgres.hpp"
#include "core/endpoint_url.hpp"
#include "core/settings.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbfdw {

enum class OptionLevel { Wrapper, Server, UserMapping, Table, Column };

// Name/value pairs as PostgreSQL keeps them (DefElem list), in order.
using OptionList = std::vector<std::pair<std::string, std::string>>;

struct OptionSpec {
    const char *name;
    OptionLevel level;
    bool secret; // never echo the value in a message
};

// Every option, in the order hints list them.
const std::vector<OptionSpec> &option_catalog();

// nullptr when `name` is not an option of `level`.
const OptionSpec *find_option(OptionLevel level, std::string_view name);

// Checks one option's name and value. Throws Error: HV00D for an unknown name (hint lists the
// valid names of the level), HV024 for a bad value (hint says what is accepted).
void validate_option(OptionLevel level, std::string_view name, std::string_view value);

// Checks every option of an object, then the combinations (endpoint vs environment, plain http,
// sb_id with auth_code).
void validate_option_list(OptionLevel level, const OptionList &options);

// The combination checks of a server's options (also done by validate_option_list).
void validate_server_options(const OptionList &options);

// Builds settings from validated options; absent options keep their defaults.
ServerSettings server_settings_from(const OptionList &server_options);
// Business number without hyphens, auth_code in upper case.
Credentials credentials_from(const OptionList &user_mapping_options);

// Table options. `corp_num` is empty when the table does not set one (the mapping's
// send_com_regno is then used).
struct TableOptions {
    std::string resource = "tax_invoices";
    std::string corp_num;
};
TableOptions table_options_from(const OptionList &table_options);

// The `field` option of a column, or empty.
std::string column_field_from(const OptionList &column_options);

// PostgreSQL's boolean spellings (true/false, on/off, yes/no, 1/0 and unique prefixes).
bool parse_bool_option(std::string_view text, bool &out) noexcept;

} // namespace sbfdw
