// Reading a foreign table's options from the catalogs: server, user mapping, table and columns.
//
// The values were validated by the validator at CREATE/ALTER time; here they are only collected
// as plain strings and each column is mapped to its API field (the column option `field`, else
// the catalog column of the same name) and to the API parameter a qual on it can narrow.
#include "core/table_catalog.hpp"

#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/pg_type.h"
#include "catalog/pg_user_mapping.h"
#include "commands/defrem.h"
#include "foreign/foreign.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
}

#include <cstring>

namespace sbfdw::pg {
namespace {

// The value of `field` that means "the requested company" rather than a row field.
constexpr const char *kCorpNumField = "SearchComRegno";

OptionPairs option_pairs(List *options) {
    OptionPairs pairs{0, nullptr};
    if (options == NIL)
        return pairs;
    pairs.items = (OptionPair *)palloc0(sizeof(OptionPair) * list_length(options));
    ListCell *lc;
    foreach (lc, options) {
        DefElem *def = (DefElem *)lfirst(lc);
        pairs.items[pairs.count++] = OptionPair{def->defname, defGetString(def)};
    }
    return pairs;
}

const char *find_option(const OptionPairs &pairs, const char *name) {
    for (int i = 0; i < pairs.count; i++)
        if (strcmp(pairs.items[i].name, name) == 0)
            return pairs.items[i].value;
    return nullptr;
}

bool is_text_type(Oid type) {
    return type == TEXTOID || type == VARCHAROID;
}

// Which API parameter a qual on this column can narrow: the API field decides, and the column's
// type must compare the way the API does. issue_id narrows only what OS_DTI_XML is asked for,
// so it is pushable on the tables of original documents alone.
PushColumn push_column_of(const ColumnInfo &column, bool reads_documents) {
    if (column.is_corp_num)
        return is_text_type(column.type_oid) ? PushColumn::CorpNum : PushColumn::None;
    if (!column.api_field)
        return PushColumn::None;
    if (strcmp(column.api_field, "DTI_WDATE") == 0 && column.type_oid == DATEOID)
        return PushColumn::WriteDate;
    if (strcmp(column.api_field, "DTI_IDATE") == 0 && column.type_oid == TIMESTAMPTZOID)
        return PushColumn::IssuedAt;
    if (strcmp(column.api_field, "DTI_SDATE") == 0 && column.type_oid == TIMESTAMPTZOID)
        return PushColumn::SentAt;
    if (strcmp(column.api_field, "SUPBUY_TYPE") == 0 && is_text_type(column.type_oid))
        return PushColumn::SupbuyType;
    if (reads_documents && strcmp(column.api_field, "ISSUE_ID") == 0 &&
        is_text_type(column.type_oid))
        return PushColumn::IssueId;
    return PushColumn::None;
}

void map_column(ColumnInfo *column, const sbfdw::TableDef *table, Oid relid) {
    const char *field = nullptr;
    ListCell *lc;
    foreach (lc, GetForeignColumnOptions(relid, column->attnum)) {
        DefElem *def = (DefElem *)lfirst(lc);
        if (strcmp(def->defname, "field") == 0)
            field = defGetString(def);
    }
    if (field) {
        column->is_corp_num = strcmp(field, kCorpNumField) == 0;
        column->api_field = column->is_corp_num ? nullptr : field;
    } else if (const sbfdw::ColumnDef *def =
                   table ? sbfdw::find_column(*table, column->name) : nullptr) {
        column->is_corp_num = def->api_field.empty();
        column->api_field = def->api_field.empty()
                                ? nullptr
                                : pnstrdup(def->api_field.data(), def->api_field.size());
    }
    column->push =
        push_column_of(*column, table && table->resource != sbfdw::Resource::TaxInvoices);
}

} // namespace

ForeignTableOptions *read_table_options(Oid foreigntableid) {
    auto *options = (ForeignTableOptions *)palloc0(sizeof(ForeignTableOptions));
    ForeignTable *table = GetForeignTable(foreigntableid);
    ForeignServer *server = GetForeignServer(table->serverid);

    options->table_oid = foreigntableid;
    options->table_name = quote_qualified_identifier(
        get_namespace_name(get_rel_namespace(foreigntableid)), get_rel_name(foreigntableid));
    options->server_name = server->servername;
    options->server = option_pairs(server->options);
    options->table = option_pairs(table->options);

    const char *resource = find_option(options->table, "resource");
    if (!resource) {
        // Without the option, a table named like a resource reads that resource.
        const char *relname = get_rel_name(foreigntableid);
        resource = sbfdw::find_table(relname) ? relname : "tax_invoices";
    }
    options->resource = resource;
    options->default_corp_num = find_option(options->table, "corp_num");

    const sbfdw::TableDef *table_def = sbfdw::find_table(resource);
    Relation rel = table_open(foreigntableid, AccessShareLock);
    TupleDesc desc = RelationGetDescr(rel);
    options->column_count = desc->natts;
    options->columns = (ColumnInfo *)palloc0(sizeof(ColumnInfo) * Max(desc->natts, 1));
    for (int i = 0; i < desc->natts; i++) {
        Form_pg_attribute attr = TupleDescAttr(desc, i);
        ColumnInfo *column = &options->columns[i];
        column->attnum = AttrNumber(i + 1);
        column->name = pstrdup(NameStr(attr->attname));
        column->type_oid = attr->atttypid;
        column->typmod = attr->atttypmod;
        column->is_dropped = attr->attisdropped;
        column->push = PushColumn::None;
        if (!column->is_dropped)
            map_column(column, table_def, foreigntableid);
    }
    table_close(rel, AccessShareLock);
    return options;
}

void read_user_mapping(ForeignTableOptions *options, Oid userid) {
    if (!OidIsValid(userid))
        userid = GetUserId();
    Oid serverid = GetForeignTable(options->table_oid)->serverid;
    // GetUserMapping's own error has no hint; say how to fix it.
    bool found = SearchSysCacheExists2(USERMAPPINGUSERSERVER, ObjectIdGetDatum(userid),
                                       ObjectIdGetDatum(serverid)) ||
                 SearchSysCacheExists2(USERMAPPINGUSERSERVER, ObjectIdGetDatum(InvalidOid),
                                       ObjectIdGetDatum(serverid));
    if (!found)
        ereport(ERROR,
                (errcode(ERRCODE_UNDEFINED_OBJECT),
                 errmsg("user mapping not found for user \"%s\" on server \"%s\"",
                        GetUserNameFromId(userid, false), options->server_name),
                 errhint("Create one with CREATE USER MAPPING FOR CURRENT_USER SERVER %s OPTIONS "
                         "(send_com_regno '...', auth_token '...') or with sb_id and auth_code.",
                         quote_identifier(options->server_name))));
    UserMapping *mapping = GetUserMapping(userid, serverid);
    options->mapping = option_pairs(mapping->options);
}

} // namespace sbfdw::pg
