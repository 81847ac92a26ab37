// Runs the OS_DTI_LIST calls of a ScanPlan through an ApiSession (which owns tokens, retries and
// the rescan cache): several windows at a time, 31005 answers split into halves down to one day,
// rows deduplicated across windows and handed out one answer at a time.
#include "core/invoice_scan.hpp"
#include "core/api_session.hpp"
#include "core/list_decoder.hpp"
#include "core/protocol.hpp"
#include "core/result_codes.hpp"
#include "core/server_clock.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <string_view>
#include <unordered_set>

namespace sbfdw {
namespace {

// The decoded rows of one answer, handed out one at a time.
struct Answer {
    std::string corp_num;
    Direction direction;
    DecodedList list;
    size_t next = 0;
};

// Decoded answers whose storage is kept for the next ones: a few, so that steady streaming
// allocates little while a scan's memory stays bounded by the answers it holds.
constexpr size_t kSpareAnswers = 2;

std::string call_key(const ListCall &c) {
    return std::string(1, static_cast<char>(c.kind)) + format_day(c.window.first) +
           format_day(c.window.last) + c.corp_num + static_cast<char>(c.direction);
}

// The rows handed out, by corp_num, direction and issue_id, so that a row met again in another
// window is returned once. The keys' text lives in large shared blocks: one allocation per row
// less, and clearing frees a few blocks instead of every key.
class SeenRows {
public:
    // False when the row was seen before.
    bool insert(const std::string &corp_num, Direction direction, const std::string &issue_id) {
        scratch_.assign(corp_num);
        scratch_ += static_cast<char>(direction);
        scratch_ += issue_id;
        if (keys_.count(scratch_))
            return false;
        keys_.insert(store(scratch_));
        return true;
    }

    void clear() {
        keys_.clear();
        blocks_.clear();
        used_ = 0;
        capacity_ = 0;
    }

private:
    static constexpr size_t kBlockSize = 64 * 1024;

    std::string_view store(std::string_view key) {
        if (capacity_ - used_ < key.size()) {
            capacity_ = std::max(kBlockSize, key.size());
            blocks_.push_back(std::make_unique<char[]>(capacity_));
            used_ = 0;
        }
        char *copy = blocks_.back().get() + used_;
        std::memcpy(copy, key.data(), key.size());
        used_ += key.size();
        return std::string_view(copy, key.size());
    }

    std::unordered_set<std::string_view> keys_; // views into blocks_
    std::vector<std::unique_ptr<char[]>> blocks_;
    size_t used_ = 0;     // of the last block
    size_t capacity_ = 0; // of the last block
    std::string scratch_; // the key being looked up, reused
};

} // namespace

struct InvoiceScan::Impl {
    ScanPlan plan;
    ListDecoder decoder;
    ApiSession session;

    std::vector<ListCall> calls;          // of this pass: the plan's, then the halves of split ones
    std::deque<size_t> to_send;           // into calls
    size_t planned = 0;                   // calls[0, planned) are the plan's
    std::unordered_set<std::string> sent; // keys of the calls sent in this pass
    bool anchored = false;                // the plan's today was compared with the server's
    std::deque<Answer> ready;
    Answer current;
    SeenRows seen;
    std::vector<FieldValue> row;
    std::vector<DecodedList> spare; // storage of consumed answers, reused by decode_into

    // Calls known to answer 31005: a rescan splits them without asking again.
    std::unordered_set<std::string> split_calls;

    long splits = 0;
    long rows = 0;
    ScanStats stats;

    Impl(ServerSettings s, Credentials c, ScanPlan p, std::vector<FieldSpec> fields,
         std::string table_name, InterruptCheck check)
        : plan(std::move(p)), decoder(std::move(fields), std::move(table_name)),
          session(std::move(s), std::move(c), check) {
        enqueue_plan();
    }

    void enqueue_plan() {
        calls.clear();
        to_send.clear();
        sent.clear();
        anchored = false;
        if (plan.empty())
            return;
        for (ListCall &call : plan.calls()) {
            calls.push_back(std::move(call));
            to_send.push_back(calls.size() - 1);
        }
        planned = calls.size();
    }

    ApiRequest request_for(size_t index) {
        const ListCall &call = calls[index];
        ApiRequest request;
        request.tag = index;
        request.description = describe_list_call(call);
        request.cache_key = call_key(call);
        const Credentials &credentials = session.credentials();
        request.body = [&credentials, call](const std::string &token,
                                            const std::string &message_id) {
            return build_list_body(credentials, token, call, message_id, now_instant());
        };
        return request;
    }

    void split(size_t index) {
        const ListCall call = calls[index];
        const Day middle = call.window.first + (call.window.last - call.window.first) / 2;
        ListCall low = call, high = call;
        low.window = {call.window.first, middle};
        high.window = {middle + 1, call.window.last};
        calls.push_back(std::move(low));
        calls.push_back(std::move(high));
        // At the front, in date order, so the answer order follows the plan.
        to_send.push_front(calls.size() - 1);
        to_send.push_front(calls.size() - 2);
        splits++;
    }

    // Acts on one reply: its rows become ready, or it is asked again, or split.
    void handle_reply(ApiReply &reply) {
        const size_t index = static_cast<size_t>(reply.request.tag);
        DecodedList list = take_spare();
        const ReplyOutcome outcome = session.accept(reply, [&]() -> const Envelope & {
            decoder.decode_into(reply.body, calls[index].corp_num, reply.request.message_id, list);
            return list.envelope;
        });
        if (outcome == ReplyOutcome::Resent) {
            give_back(std::move(list));
            return;
        }
        const ListCall &call = calls[index];
        if (outcome == ReplyOutcome::Failed) {
            if (list.envelope.result_code == kResultTooManyRows &&
                call.window.first < call.window.last) {
                split_calls.insert(call_key(call));
                split(index);
                return;
            }
            throw session.failure(reply, list.envelope);
        }
        Answer answer;
        answer.corp_num = call.corp_num;
        answer.direction = call.direction;
        answer.list = std::move(list);
        ready.push_back(std::move(answer));
    }

    DecodedList take_spare() {
        if (spare.empty())
            return DecodedList{};
        DecodedList list = std::move(spare.back());
        spare.pop_back();
        return list;
    }

    void give_back(DecodedList list) {
        if (spare.size() < kSpareAnswers)
            spare.push_back(std::move(list));
    }

    // Sends what may be sent, then waits until at least one answer arrived.
    void pump() {
        while (!to_send.empty() && session.has_room(ready.size())) {
            const size_t index = to_send.front();
            to_send.pop_front();
            if (split_calls.count(call_key(calls[index]))) {
                split(index);
                continue;
            }
            sent.insert(call_key(calls[index]));
            session.send(request_for(index));
        }
        if (!ready.empty())
            return;
        for (ApiReply &reply : session.wait())
            handle_reply(reply);
        if (!anchored && session.heard_server_time())
            anchor_to_server_day();
    }

    // A plan closed at today (KST) by this machine's clock misses the server's own days when
    // the server's clock says another day (a simulator on a fixed clock, a skewed host): plan
    // again for the server's today and add the calls not sent yet. Overlapping rows are
    // deduplicated and every qual is rechecked by PostgreSQL, so the extra calls are harmless.
    void anchor_to_server_day() {
        anchored = true;
        if (!plan.depends_on_today || !plan.inputs)
            return;
        PlanInputs inputs = *plan.inputs;
        inputs.today = kst_day_of(server_now(session.settings().endpoint, now_instant()));
        if (inputs.today == plan.inputs->today)
            return;
        ScanPlan replanned = plan_scan(inputs);
        std::unordered_set<std::string> wanted;
        for (const ListCall &call : replanned.calls())
            wanted.insert(call_key(call));
        // Calls of the old plan not sent yet and not in the new one are dropped (halves of
        // split calls stay); calls of the new one neither sent nor queued are added.
        std::deque<size_t> keep;
        std::unordered_set<std::string> queued;
        for (size_t index : to_send) {
            const std::string key = call_key(calls[index]);
            if (index >= planned || wanted.count(key)) {
                keep.push_back(index);
                queued.insert(key);
            }
        }
        to_send = std::move(keep);
        for (ListCall &call : replanned.calls()) {
            const std::string key = call_key(call);
            if (sent.count(key) || queued.count(key))
                continue;
            calls.push_back(std::move(call));
            to_send.push_back(calls.size() - 1);
        }
        plan = std::move(replanned);
    }

    bool next_row() {
        for (;;) {
            if (current.next < current.list.row_count) {
                DecodedRow &decoded = current.list.rows[current.next++];
                if (!decoded.issue_id.empty() &&
                    !seen.insert(current.corp_num, current.direction, decoded.issue_id))
                    continue;             // already returned from another window
                row.swap(decoded.values); // both vectors keep their storage for reuse
                rows++;
                return true;
            }
            give_back(std::move(current.list));
            if (!ready.empty()) {
                current = std::move(ready.front());
                ready.pop_front();
                continue;
            }
            current = Answer{};
            if (to_send.empty() && session.in_flight() == 0)
                return false;
            pump();
        }
    }

    void refresh_stats() {
        stats = ScanStats{};
        session.add_stats(stats);
        stats.splits = splits;
        stats.rows = rows;
    }

    void drop_work() {
        session.abort_all();
        to_send.clear();
        ready.clear();
        current = Answer{};
    }
};

InvoiceScan::InvoiceScan(ServerSettings settings, Credentials credentials, ScanPlan plan,
                         std::vector<FieldSpec> fields, std::string table_name,
                         InterruptCheck interrupted)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(credentials), std::move(plan),
                                   std::move(fields), std::move(table_name), interrupted)) {}

InvoiceScan::~InvoiceScan() = default;

bool InvoiceScan::next() {
    return advance_scan(*impl_);
}

const std::vector<FieldValue> &InvoiceScan::row() const {
    return impl_->row;
}

void InvoiceScan::restart(const ScanPlan *new_plan) {
    impl_->drop_work();
    impl_->seen.clear();
    if (new_plan)
        impl_->plan = *new_plan;
    impl_->enqueue_plan();
}

const ScanStats &InvoiceScan::stats() const {
    return impl_->stats;
}

} // namespace sbfdw
