// IMPORT FOREIGN SCHEMA smartbill FROM SERVER s INTO x, and the Korean comments of what it creates.
//
// An import callback may return only CREATE FOREIGN TABLE statements, so the comments wait in a
// per-transaction list until PostgreSQL creates each table: an object access hook sees the new
// relation (OAT_POST_CREATE) and sets its comments. Whatever was not created (LIMIT TO, EXCEPT,
// an error) is forgotten when the transaction ends.
#include "core/import_ddl.hpp"

#include "pg/guard.hpp"
#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/objectaccess.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "commands/comment.h"
#include "foreign/foreign.h"
#include "mb/pg_wchar.h"
#include "utils/fmgroids.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

#include <cstring>
#include <new>
#include <string>
#include <vector>

namespace sbfdw::pg {
namespace {

struct PendingComment {
    const char *column;  // NULL: the table's own comment
    const char *comment; // database encoding
};

struct PendingTable {
    Oid namespace_oid;
    const char *table;
    int comment_count;
    PendingComment *comments;
};

struct ImportedTables {
    int count;
    const char **statements; // UTF-8
    PendingTable *tables;    // comments in UTF-8 until converted
};

// Tables imported in this transaction that have not been created yet. Lives in a child of
// TopTransactionContext; its reset callback clears the pointer when the transaction ends.
List *pending_tables = NIL;
MemoryContext pending_context = nullptr;
object_access_hook_type next_object_access_hook = nullptr;

void forget_pending_tables(void *) {
    pending_tables = NIL;
    pending_context = nullptr;
}

MemoryContext pending_memory() {
    if (!pending_context) {
        pending_context = AllocSetContextCreate(
            TopTransactionContext, "smartbill_fdw import comments", ALLOCSET_SMALL_SIZES);
        auto *callback = (MemoryContextCallback *)MemoryContextAlloc(pending_context,
                                                                     sizeof(MemoryContextCallback));
        callback->func = forget_pending_tables;
        callback->arg = nullptr;
        MemoryContextRegisterResetCallback(pending_context, callback);
    }
    return pending_context;
}

// Copies a C++ string into PostgreSQL memory without ever raising an error (inside the guard).
char *copy_nothrow(const std::string &text) {
    if (text.size() + 1 >= MaxAllocSize)
        throw std::bad_alloc();
    auto *copy = (char *)palloc_extended(text.size() + 1, MCXT_ALLOC_NO_OOM);
    if (!copy)
        throw std::bad_alloc();
    memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

template <typename T> T *array_nothrow(size_t count) {
    auto *array = (T *)palloc_extended(sizeof(T) * Max(count, size_t(1)),
                                       MCXT_ALLOC_NO_OOM | MCXT_ALLOC_ZERO);
    if (!array)
        throw std::bad_alloc();
    return array;
}

ImportedTables run_import(ImportForeignSchemaStmt *stmt, const char *server_name) {
    // Plain data for the guard: names of the statement's table list.
    int listed = list_length(stmt->table_list);
    const char **names = (const char **)palloc0(sizeof(char *) * Max(listed, 1));
    int i = 0;
    ListCell *lc;
    foreach (lc, stmt->table_list)
        names[i++] = ((RangeVar *)lfirst(lc))->relname;

    return guarded([&] {
        sbfdw::ImportRequest request;
        request.remote_schema = stmt->remote_schema;
        request.local_schema = stmt->local_schema ? stmt->local_schema : "";
        request.server_name = server_name;
        request.mode = stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO
                           ? sbfdw::ImportListMode::LimitTo
                       : stmt->list_type == FDW_IMPORT_SCHEMA_EXCEPT ? sbfdw::ImportListMode::Except
                                                                     : sbfdw::ImportListMode::All;
        for (int n = 0; n < listed; n++)
            request.table_names.emplace_back(names[n]);

        std::vector<sbfdw::ImportedTable> tables = sbfdw::import_foreign_schema(request);
        ImportedTables out{int(tables.size()), array_nothrow<const char *>(tables.size()),
                           array_nothrow<PendingTable>(tables.size())};
        for (size_t t = 0; t < tables.size(); t++) {
            const sbfdw::TableComments &comments = tables[t].comments;
            out.statements[t] = copy_nothrow(tables[t].create_statement);
            PendingTable &pending = out.tables[t];
            pending.table = copy_nothrow(tables[t].name);
            pending.comments = array_nothrow<PendingComment>(comments.columns.size() + 1);
            if (!comments.comment.empty())
                pending.comments[pending.comment_count++] = {nullptr,
                                                             copy_nothrow(comments.comment)};
            for (const sbfdw::ColumnComment &column : comments.columns)
                pending.comments[pending.comment_count++] = {copy_nothrow(column.column),
                                                             copy_nothrow(column.comment)};
        }
        return out;
    });
}

char *to_server_encoding(const char *utf8) {
    char *converted = pg_any_to_server(utf8, int(strlen(utf8)), PG_UTF8);
    return converted == utf8 ? pstrdup(utf8) : converted;
}

// The attnum of `column` in a relation created by the current command (not visible to the
// caches yet, hence SnapshotSelf).
AttrNumber new_column_attnum(Oid relid, const char *column) {
    Relation attribute_rel = table_open(AttributeRelationId, AccessShareLock);
    ScanKeyData keys[2];
    ScanKeyInit(&keys[0], Anum_pg_attribute_attrelid, BTEqualStrategyNumber, F_OIDEQ,
                ObjectIdGetDatum(relid));
    ScanKeyInit(&keys[1], Anum_pg_attribute_attname, BTEqualStrategyNumber, F_NAMEEQ,
                CStringGetDatum(column));
    SysScanDesc scan =
        systable_beginscan(attribute_rel, AttributeRelidNameIndexId, true, SnapshotSelf, 2, keys);
    HeapTuple tuple = systable_getnext(scan);
    AttrNumber attnum =
        HeapTupleIsValid(tuple) ? ((Form_pg_attribute)GETSTRUCT(tuple))->attnum : InvalidAttrNumber;
    systable_endscan(scan);
    table_close(attribute_rel, AccessShareLock);
    return attnum;
}

void apply_pending_comments(Oid relid) {
    Relation class_rel = table_open(RelationRelationId, AccessShareLock);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_class_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
    SysScanDesc scan = systable_beginscan(class_rel, ClassOidIndexId, true, SnapshotSelf, 1, &key);
    HeapTuple tuple = systable_getnext(scan);
    NameData relname;
    Oid namespace_oid = InvalidOid;
    bool is_foreign_table = false;
    if (HeapTupleIsValid(tuple)) {
        auto *form = (Form_pg_class)GETSTRUCT(tuple);
        relname = form->relname;
        namespace_oid = form->relnamespace;
        is_foreign_table = form->relkind == RELKIND_FOREIGN_TABLE;
    }
    systable_endscan(scan);
    table_close(class_rel, AccessShareLock);
    if (!is_foreign_table)
        return;

    ListCell *lc;
    foreach (lc, pending_tables) {
        auto *pending = (PendingTable *)lfirst(lc);
        if (pending->namespace_oid != namespace_oid || strcmp(pending->table, NameStr(relname)))
            continue;
        for (int i = 0; i < pending->comment_count; i++) {
            const PendingComment &c = pending->comments[i];
            AttrNumber attnum = c.column ? new_column_attnum(relid, c.column) : 0;
            if (c.column && attnum == InvalidAttrNumber)
                continue;
            CreateComments(relid, RelationRelationId, attnum, c.comment);
        }
        pending_tables = foreach_delete_current(pending_tables, lc);
        break;
    }
}

void import_comment_hook(ObjectAccessType access, Oid class_id, Oid object_id, int sub_id,
                         void *arg) {
    if (next_object_access_hook)
        next_object_access_hook(access, class_id, object_id, sub_id, arg);
    if (access == OAT_POST_CREATE && class_id == RelationRelationId && sub_id == 0 &&
        pending_tables != NIL)
        apply_pending_comments(object_id);
}

} // namespace

List *import_foreign_schema(ImportForeignSchemaStmt *stmt, Oid serverOid) {
    ForeignServer *server = GetForeignServer(serverOid);
    Oid namespace_oid = get_namespace_oid(stmt->local_schema, false);
    ImportedTables imported = run_import(stmt, server->servername);

    List *commands = NIL;
    MemoryContext old = MemoryContextSwitchTo(pending_memory());
    for (int t = 0; t < imported.count; t++) {
        auto *pending = (PendingTable *)palloc0(sizeof(PendingTable));
        pending->namespace_oid = namespace_oid;
        pending->table = pstrdup(imported.tables[t].table);
        pending->comment_count = imported.tables[t].comment_count;
        pending->comments =
            (PendingComment *)palloc0(sizeof(PendingComment) * Max(pending->comment_count, 1));
        for (int i = 0; i < pending->comment_count; i++) {
            const PendingComment &c = imported.tables[t].comments[i];
            pending->comments[i].column = c.column ? pstrdup(c.column) : nullptr;
            pending->comments[i].comment = to_server_encoding(c.comment);
        }
        pending_tables = lappend(pending_tables, pending);
    }
    MemoryContextSwitchTo(old);

    for (int t = 0; t < imported.count; t++)
        commands = lappend(commands, to_server_encoding(imported.statements[t]));
    return commands;
}

void install_import_comment_hook(void) {
    next_object_access_hook = object_access_hook;
    object_access_hook = import_comment_hook;
}

} // namespace sbfdw::pg
