// IMPORT FOREIGN SCHEMA: the CREATE FOREIGN TABLE statements for the tables of the catalogue, and
// the Korean comments the PostgreSQL face applies once each imported table exists (PostgreSQL
// accepts only CREATE FOREIGN TABLE statements from an import callback).
#pragma once
#include "core/no_postgres.hpp"
#include "core/table_catalog.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sbfdw {

// The one remote schema: IMPORT FOREIGN SCHEMA smartbill FROM SERVER ... INTO ...
inline constexpr const char *kRemoteSchemaName = "smartbill";

// How the statement's table list applies (LIMIT TO / EXCEPT / neither).
enum class ImportListMode { All, LimitTo, Except };

struct ImportRequest {
    std::string remote_schema;
    std::string local_schema; // may be empty: PostgreSQL puts the tables into the target schema
    std::string server_name;
    ImportListMode mode = ImportListMode::All;
    std::vector<std::string> table_names; // for LimitTo / Except; unknown names are ignored
};

struct ColumnComment {
    std::string column;
    std::string comment; // UTF-8
};

struct TableComments {
    std::string table;
    std::string comment; // UTF-8
    std::vector<ColumnComment> columns;
};

struct ImportedTable {
    std::string name;
    std::string create_statement; // UTF-8; one CREATE FOREIGN TABLE statement ending in ';'
    TableComments comments;
};

// The tables to create, in catalogue order. Throws Error HV00Q when remote_schema is not
// "smartbill".
std::vector<ImportedTable> import_foreign_schema(const ImportRequest &request);

// CREATE FOREIGN TABLE for one table: columns with their types and `field` options, the server,
// and the `resource` table option.
std::string create_foreign_table_sql(const TableDef &table, std::string_view local_schema,
                                     std::string_view server_name);

// The table's and columns' Korean comments.
TableComments comments_for(const TableDef &table);

// COMMENT ON FOREIGN TABLE / COMMENT ON COLUMN statements for the comments (for tools and tests;
// the PostgreSQL face may set comments directly instead).
std::vector<std::string> comment_statements(const TableComments &comments,
                                            std::string_view local_schema);

// Identifier quoting as PostgreSQL's quote_identifier(): quotes only when needed (anything but
// lower-case letters, digits and underscores not starting with a digit, or a reserved word).
std::string quote_identifier(std::string_view identifier);

// A string literal as PostgreSQL's quote_literal(): '' for quotes, E'' when backslashes appear.
std::string quote_literal(std::string_view text);

} // namespace sbfdw
