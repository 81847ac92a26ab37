// Statements for IMPORT FOREIGN SCHEMA, written from the table catalogue.
#include "core/import_ddl.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <iterator>

namespace sbfdw {
namespace {

// ERRCODE_FDW_SCHEMA_NOT_FOUND
constexpr const char *kSchemaNotFound = "HV00Q";

// PostgreSQL 15's keywords that are not UNRESERVED_KEYWORD (parser/kwlist.h), sorted: as an
// identifier they must be quoted.
constexpr std::string_view kReservedWords[] = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
};

bool is_reserved_word(std::string_view word) {
    return std::binary_search(std::begin(kReservedWords), std::end(kReservedWords), word);
}

bool listed(const std::vector<std::string> &names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool wanted(const ImportRequest &request, std::string_view table_name) {
    switch (request.mode) {
    case ImportListMode::All:
        return true;
    case ImportListMode::LimitTo:
        return listed(request.table_names, table_name);
    case ImportListMode::Except:
        return !listed(request.table_names, table_name);
    }
    return true;
}

std::string qualified_name(std::string_view schema, std::string_view name) {
    if (schema.empty())
        return quote_identifier(name);
    return quote_identifier(schema) + "." + quote_identifier(name);
}

} // namespace

std::string quote_identifier(std::string_view identifier) {
    bool safe = !identifier.empty() &&
                ((identifier[0] >= 'a' && identifier[0] <= 'z') || identifier[0] == '_');
    for (char c : identifier)
        safe = safe && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (safe && !is_reserved_word(identifier))
        return std::string(identifier);
    std::string out = "\"";
    for (char c : identifier) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string quote_literal(std::string_view text) {
    const bool has_backslash = text.find('\\') != std::string_view::npos;
    std::string out = has_backslash ? "E'" : "'";
    for (char c : text) {
        if (c == '\'' || c == '\\')
            out += c;
        out += c;
    }
    return out + "'";
}

std::string create_foreign_table_sql(const TableDef &table, std::string_view local_schema,
                                     std::string_view server_name) {
    std::string sql = "CREATE FOREIGN TABLE " + qualified_name(local_schema, table.name) + " (\n";
    for (size_t i = 0; i < table.columns.size(); ++i) {
        const ColumnDef &column = table.columns[i];
        sql += "  " + quote_identifier(column.name) + " " + std::string(column.pg_type);
        if (!column.api_field.empty())
            sql += " OPTIONS (field " + quote_literal(column.api_field) + ")";
        sql += i + 1 < table.columns.size() ? ",\n" : "\n";
    }
    sql += ") SERVER " + quote_identifier(server_name) + "\nOPTIONS (resource " +
           quote_literal(table.name) + ");";
    return sql;
}

TableComments comments_for(const TableDef &table) {
    TableComments comments;
    comments.table = std::string(table.name);
    comments.comment = std::string(table.comment_ko);
    for (const ColumnDef &column : table.columns)
        comments.columns.push_back({std::string(column.name), std::string(column.comment_ko)});
    return comments;
}

std::vector<std::string> comment_statements(const TableComments &comments,
                                            std::string_view local_schema) {
    const std::string table = qualified_name(local_schema, comments.table);
    std::vector<std::string> statements;
    statements.push_back("COMMENT ON FOREIGN TABLE " + table + " IS " +
                         quote_literal(comments.comment) + ";");
    for (const ColumnComment &c : comments.columns)
        statements.push_back("COMMENT ON COLUMN " + table + "." + quote_identifier(c.column) +
                             " IS " + quote_literal(c.comment) + ";");
    return statements;
}

std::vector<ImportedTable> import_foreign_schema(const ImportRequest &request) {
    if (request.remote_schema != kRemoteSchemaName)
        throw Error(kSchemaNotFound,
                    "schema \"" + request.remote_schema + "\" is not present on foreign server \"" +
                        request.server_name + "\"",
                    {}, "The only remote schema of smartbill_fdw is \"smartbill\".");
    std::vector<ImportedTable> tables;
    for (const TableDef &table : table_catalog()) {
        if (!wanted(request, table.name))
            continue;
        tables.push_back(
            {std::string(table.name),
             create_foreign_table_sql(table, request.local_schema, request.server_name),
             comments_for(table)});
    }
    return tables;
}

} // namespace sbfdw
