// Runs a DocumentPlan: the listing through InvoiceScan, then OS_DTI_XML batches through an
// ApiSession, and rows decoded from each document for the columns the query needs.
#include "core/document_scan.hpp"

#include "core/api_session.hpp"
#include "core/protocol.hpp"
#include "core/xml_decoder.hpp"

#include <deque>
#include <map>
#include <set>
#include <unordered_map>

namespace sbfdw {

namespace {

// The listing columns every document scan reads, ahead of the carried output columns.
enum ListingSlot { kListedIssueId, kListedSupbuyType, kListedCorpNum, kListedFirstCarried };

// The day an approval number was issued on: its first eight characters, yyyyMMdd.
std::optional<Day> issue_day_of(const std::string &issue_id) {
    if (issue_id.size() < 8)
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const int widths[3] = {4, 2, 2};
    size_t at = 0;
    for (int p = 0; p < 3; ++p)
        for (int i = 0; i < widths[p]; ++i, ++at) {
            const char c = issue_id[at];
            if (c < '0' || c > '9')
                return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    if (!is_valid_civil(parts[0], parts[1], parts[2]))
        return std::nullopt;
    return day_from_civil(parts[0], parts[1], parts[2]);
}

// One listed invoice: its approval number and the listing values of the carried columns.
struct Listed {
    std::string issue_id;
    std::vector<FieldValue> carried;
};

// Up to kMaxIssueIdsPerCall listed invoices of one company and direction.
struct Batch {
    std::string corp_num;
    Direction direction;
    std::vector<size_t> entries; // into Impl::listed, in listing order
    std::string key;             // for the rescan cache
};

std::string describe_xml_call(const Batch &batch, const std::vector<Listed> &listed) {
    std::string out = "Signal ";
    out += kSignalXml;
    out += ", SearchComRegno " + batch.corp_num + ", SupBuy_Type ";
    out += direction_code(batch.direction);
    out += ", IssueId " + std::to_string(batch.entries.size()) + " ids from " +
           listed[batch.entries.front()].issue_id;
    return out;
}

// The documents of one answer and where the rows stand.
struct Answer {
    size_t batch = 0;
    std::vector<DtiDocument> documents;
    std::vector<std::pair<size_t, size_t>> order; // (entry, document), in batch order
    size_t next_document = 0;
    size_t next_row = 0;
    size_t rows_in_document = 0;
    bool counted = false;
};

} // namespace

DocumentPlan plan_document_scan(const PlanInputs &inputs) {
    DocumentPlan plan;
    plan.listing = plan_scan(inputs);
    std::optional<std::vector<std::string>> ids =
        text_values_for(inputs.condition, PlanColumn::IssueId);
    if (!ids || plan.listing.contradiction)
        return plan;

    plan.by_issue_id = true;
    plan.issue_ids = std::move(*ids);
    std::vector<DayRange> days;
    for (const std::string &id : plan.issue_ids)
        if (std::optional<Day> day = issue_day_of(id))
            days.push_back({*day, *day});
    if (days.empty()) {
        plan.listing.contradiction = true;
        plan.listing.windows.clear();
        return plan;
    }
    ScanPlan by_day = plan.listing;
    by_day.kind = DateKind::Issue;
    by_day.default_window = false;
    by_day.depends_on_today = false; // the days come from the approval numbers alone
    by_day.inputs.reset();
    by_day.windows = split_into_windows(days, inputs.max_range_days);
    if (plan.listing.default_window || by_day.calls_count() <= plan.listing.calls_count())
        plan.listing = std::move(by_day);
    return plan;
}

std::string describe_document_plan(const DocumentPlan &plan) {
    std::string out = describe_plan(plan.listing);
    if (plan.listing.empty())
        return out;
    out += ", then OS_DTI_XML for ";
    out += plan.by_issue_id ? std::to_string(plan.issue_ids.size()) + " issue_ids"
                            : std::string("the listed invoices");
    out += " in batches of at most " + std::to_string(kMaxIssueIdsPerCall);
    return out;
}

struct DocumentScan::Impl {
    Credentials credentials;
    DocumentPlan plan;
    std::string table_name;
    InterruptCheck interrupted;
    DtiRowDecoder decoder;
    std::vector<FieldSpec> listing_fields;
    std::vector<int> carried_slot; // per output column: its listing slot, or -1
    std::unique_ptr<InvoiceScan> listing;
    ApiSession session;
    XmlDecoder xml_decoder;

    bool listing_done = false;
    std::set<std::string> wanted; // plan.issue_ids as a set, when by_issue_id
    std::vector<Listed> listed;
    std::vector<Batch> batches;
    size_t next_batch = 0;
    std::deque<Answer> ready;
    Answer current;
    bool have_current = false;
    std::vector<FieldValue> row;

    long rows = 0;
    ScanStats stats;

    Impl(ServerSettings settings, Credentials c, DtiRowKind kind, DocumentPlan p,
         std::vector<FieldSpec> fields, std::string table, InterruptCheck check)
        : credentials(c), plan(std::move(p)), table_name(std::move(table)), interrupted(check),
          decoder(kind, fields, table_name), session(settings, std::move(c), check) {
        if (credentials.auth_code.empty())
            throw Error(sqlstate::kInvalidAuthorization,
                        "foreign table \"" + table_name + "\" needs the user mapping option " +
                            "\"auth_code\"",
                        "Original documents come from OS_DTI_XML, which requires the SmartBill "
                        "auth code (인증코드).",
                        "Add it with ALTER USER MAPPING ... OPTIONS (ADD auth_code '...').");
        listing_fields = {
            {"issue_id", "ISSUE_ID"}, {"supbuy_type", "SUPBUY_TYPE"}, {"corp_num", ""}};
        listing_fields[kListedCorpNum].source = FieldSpec::Source::CorpNum;
        for (size_t i = 0; i < fields.size(); ++i) {
            if (!decoder.is_carried(i)) {
                carried_slot.push_back(-1);
                continue;
            }
            carried_slot.push_back(static_cast<int>(listing_fields.size()));
            listing_fields.push_back(fields[i]);
        }
        start();
    }

    void start() {
        wanted.clear();
        if (plan.by_issue_id)
            wanted.insert(plan.issue_ids.begin(), plan.issue_ids.end());
        listed.clear();
        batches.clear();
        next_batch = 0;
        listing_done = false;
    }

    // Reads the whole listing (a few small fields per invoice) and cuts it into batches.
    void read_listing() {
        if (!listing)
            listing = std::make_unique<InvoiceScan>(session.settings(), credentials, plan.listing,
                                                    listing_fields, table_name, interrupted);
        std::map<std::pair<std::string, char>, size_t> open; // (corp, direction) -> batch
        while (listing->next()) {
            const std::vector<FieldValue> &values = listing->row();
            const FieldValue &id = values[kListedIssueId];
            if (id.is_null || (plan.by_issue_id && !wanted.count(id.text)))
                continue;
            const Direction direction =
                values[kListedSupbuyType].text == "AP" ? Direction::Purchases : Direction::Sales;
            Listed entry;
            entry.issue_id = id.text;
            entry.carried.assign(values.begin() + kListedFirstCarried, values.end());
            listed.push_back(std::move(entry));

            const std::string &corp = values[kListedCorpNum].text;
            auto key = std::make_pair(corp, static_cast<char>(direction));
            auto it = open.find(key);
            if (it == open.end() || batches[it->second].entries.size() >= kMaxIssueIdsPerCall) {
                batches.push_back({corp, direction, {}, {}});
                it = open.insert_or_assign(key, batches.size() - 1).first;
            }
            batches[it->second].entries.push_back(listed.size() - 1);
        }
        for (Batch &batch : batches) {
            batch.key = batch.corp_num + static_cast<char>(batch.direction);
            for (size_t entry : batch.entries)
                batch.key += ',' + listed[entry].issue_id;
        }
        listing_done = true;
    }

    ApiRequest request_for(size_t index) {
        const Batch &batch = batches[index];
        std::vector<std::string> ids;
        ids.reserve(batch.entries.size());
        for (size_t entry : batch.entries)
            ids.push_back(listed[entry].issue_id);
        ApiRequest request;
        request.tag = index;
        request.description = describe_xml_call(batch, listed);
        request.cache_key = batch.key;
        const Credentials &creds = credentials;
        request.body = [&creds, corp = batch.corp_num, direction = batch.direction,
                        ids = std::move(ids)](const std::string &token,
                                              const std::string &message_id) {
            return build_xml_body(creds, token, corp, direction, ids, message_id, now_instant());
        };
        return request;
    }

    // Acts on one reply: its documents become ready, or it is asked again.
    void handle_reply(ApiReply &reply) {
        DecodedDocuments decoded;
        const ReplyOutcome outcome = session.accept(reply, [&]() -> const Envelope & {
            decoded = xml_decoder.decode(reply.body, reply.request.message_id);
            return decoded.envelope;
        });
        if (outcome == ReplyOutcome::Resent)
            return;
        if (outcome == ReplyOutcome::Failed)
            throw session.failure(reply, decoded.envelope);

        const size_t index = static_cast<size_t>(reply.request.tag);
        Answer answer;
        answer.batch = index;
        answer.documents = std::move(decoded.documents);
        std::unordered_map<std::string, size_t> by_id;
        for (size_t d = 0; d < answer.documents.size(); ++d)
            by_id.emplace(answer.documents[d].issue_id(), d);
        // Rows follow the listing's order; ids the answer lacks (purged) yield none.
        for (size_t entry : batches[index].entries) {
            auto it = by_id.find(listed[entry].issue_id);
            if (it != by_id.end())
                answer.order.emplace_back(entry, it->second);
        }
        ready.push_back(std::move(answer));
    }

    // Sends what may be sent, then waits until at least one answer arrived.
    void pump() {
        while (next_batch < batches.size() && session.has_room(ready.size()))
            session.send(request_for(next_batch++));
        if (!ready.empty())
            return;
        for (ApiReply &reply : session.wait())
            handle_reply(reply);
    }

    // The next row of the current answer, if any.
    bool row_from_current() {
        while (current.next_document < current.order.size()) {
            const auto [entry, d] = current.order[current.next_document];
            DtiDocument &document = current.documents[d];
            if (!current.counted) {
                current.rows_in_document = decoder.row_count(document);
                current.counted = true;
                current.next_row = 0;
            }
            if (current.next_row >= current.rows_in_document) {
                current.next_document++;
                current.counted = false;
                continue;
            }
            decoder.decode_row(document, current.next_row++, row);
            const std::vector<FieldValue> &carried = listed[entry].carried;
            for (size_t i = 0; i < carried_slot.size(); ++i)
                if (carried_slot[i] >= 0)
                    row[i] = carried[static_cast<size_t>(carried_slot[i]) - kListedFirstCarried];
            rows++;
            return true;
        }
        return false;
    }

    bool next_row() {
        if (!listing_done)
            read_listing();
        for (;;) {
            if (have_current && row_from_current())
                return true;
            if (!ready.empty()) {
                current = std::move(ready.front());
                ready.pop_front();
                have_current = true;
                continue;
            }
            have_current = false;
            if (next_batch >= batches.size() && session.in_flight() == 0)
                return false;
            pump();
        }
    }

    void refresh_stats() {
        stats = listing ? listing->stats() : ScanStats{};
        session.add_stats(stats);
        stats.rows = rows;
    }

    void drop_work() {
        session.abort_all();
        ready.clear();
        current = Answer{};
        have_current = false;
    }
};

DocumentScan::DocumentScan(ServerSettings settings, Credentials credentials, DtiRowKind kind,
                           DocumentPlan plan, std::vector<FieldSpec> fields, std::string table_name,
                           InterruptCheck interrupted)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(credentials), kind,
                                   std::move(plan), std::move(fields), std::move(table_name),
                                   interrupted)) {}

DocumentScan::~DocumentScan() = default;

bool DocumentScan::next() {
    return advance_scan(*impl_);
}

const std::vector<FieldValue> &DocumentScan::row() const {
    return impl_->row;
}

void DocumentScan::restart(const DocumentPlan *new_plan) {
    impl_->drop_work();
    const bool same_listing = !new_plan;
    if (new_plan)
        impl_->plan = *new_plan;
    if (impl_->listing)
        impl_->listing->restart(same_listing ? nullptr : &impl_->plan.listing);
    impl_->start();
}

const ScanStats &DocumentScan::stats() const {
    return impl_->stats;
}

} // namespace sbfdw
