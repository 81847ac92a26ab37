#include "api_service.hpp"

#include <unordered_set>

#include "dti_xml.hpp"

namespace sim {
namespace {

ApiAnswer envelope_only(SimState &state, const ApiRequest &request, const std::string &code,
                        const std::string &message) {
    ApiAnswer answer;
    answer.result_code = code;
    begin_envelope(answer.body, request.get("MessageId"), request.get("Signal"),
                   sbfdw::format_kst_compact(state.clock.now()), code, message, "Table");
    end_envelope(answer.body);
    return answer;
}

ApiAnswer reject(SimState &state, const ApiRequest &request, const Rejection &rejection) {
    return envelope_only(state, request, rejection.code, rejection.message);
}

// The 20-minute collection slot `now` falls in (runs are at :00/:20/:40 KST, which are also
// :00/:20/:40 UTC).
int64_t collection_slot(Instant now) {
    constexpr int64_t kSlot = 20 * 60 * sbfdw::kMicrosPerSecond;
    return now >= 0 ? now / kSlot : (now - kSlot + 1) / kSlot;
}

const FieldFault *fault_for_row(const FieldFault *fault, size_t row) {
    if (!fault || (!fault->all_rows && row > 0))
        return nullptr;
    return fault;
}

std::optional<Rejection> check_company(SimState &state, std::string_view regno) {
    Company *company = state.dataset.find_company(std::string(regno));
    if (!company)
        return Rejection{result_code::kNotLinked,
                         "SearchComRegno not linked to SendComRegno: " + std::string(regno)};
    switch (company->hometax) {
    case Company::Hometax::Ok:
        return std::nullopt;
    case Company::Hometax::Missing:
        return Rejection{result_code::kHometaxUnavailable,
                         "no Hometax department user registered for " + std::string(regno)};
    case Company::Hometax::LoginFailing:
        return Rejection{result_code::kHometaxUnavailable,
                         "Hometax login failed for " + std::string(regno)};
    }
    return std::nullopt;
}

std::optional<Rejection> check_token(SimState &state, const ApiRequest &request, Instant now) {
    switch (state.tokens.check(std::string(request.get("AuthToken")), now)) {
    case TokenStatus::Valid:
        return std::nullopt;
    case TokenStatus::Unknown:
        return Rejection{result_code::kTokenInvalid, "auth token invalid"};
    case TokenStatus::Expired:
        return Rejection{result_code::kTokenExpired, "auth token expired"};
    }
    return std::nullopt;
}

ApiAnswer get_token(SimState &state, const ApiRequest &request, Instant now,
                    const FieldFault *fault) {
    const Account &account = state.dataset.account();
    if (request.get("SbId") != account.sb_id)
        return reject(state, request, {result_code::kUnknownSbId, "unknown SbId"});
    if (request.get("AuthCode") != account.auth_code)
        return reject(state, request, {result_code::kAuthCodeMismatch, "auth code mismatch"});

    const char code = request.get("ExpirationDateCode")[0];
    std::optional<Day> custom_day;
    if (code == 'C') {
        custom_day = sbfdw::parse_day(request.get("ExpirationDate"));
        if (*custom_day < sbfdw::kst_day_of(now))
            return reject(state, request,
                          {result_code::kFieldMalformed,
                           "field malformed: ExpirationDate (must not be in the past)"});
    }
    IssuedToken issued = state.tokens.issue(token_expiry(code, now, custom_day));

    ApiAnswer answer;
    answer.result_code = result_code::kSuccess;
    answer.rows = 1;
    begin_envelope(answer.body, request.get("MessageId"), request.get("Signal"),
                   sbfdw::format_kst_compact(now), result_code::kSuccess, "success", "Table1");
    append_token_row(answer.body, issued.token, issued.expires_at, fault_for_row(fault, 0));
    end_envelope(answer.body);
    return answer;
}

ApiAnswer list_invoices(SimState &state, const ApiRequest &request, Instant now,
                        const FieldFault *fault) {
    if (auto rejection = check_token(state, request, now))
        return reject(state, request, *rejection);

    const Day from = *sbfdw::parse_day(request.get("SearchFromDate"));
    const Day to = *sbfdw::parse_day(request.get("SearchToDate"));
    if (from > to)
        return reject(state, request,
                      {result_code::kRangeTooLong, "SearchFromDate is after SearchToDate"});
    if (to - from > kMaxRangeDays - 1)
        return reject(state, request,
                      {result_code::kRangeTooLong, "search range longer than 30 days"});

    const std::string_view corp_num = request.get("SearchComRegno");
    if (auto rejection = check_company(state, corp_num))
        return reject(state, request, *rejection);

    const bool sales = request.get("SupBuy_Type") == "AR";
    const auto kind = static_cast<ListDateKind>(request.get("SearchDate")[0]);
    const RenderedRowsCache::Entry *rendered = nullptr;
    RenderedRowsCache::Entry fresh;
    const std::string key = std::string(corp_num) + (sales ? "R" : "P") + static_cast<char>(kind) +
                            std::to_string(from) + ':' + std::to_string(to) + ':' +
                            std::to_string(static_cast<int>(state.profile)) + ':' +
                            std::to_string(collection_slot(now));
    if (!fault) {
        auto cached = state.rendered_rows.entries.find(key);
        if (cached != state.rendered_rows.entries.end())
            rendered = &cached->second;
    }
    if (!rendered) {
        state.dataset.advance_to(now);
        auto invoices = state.dataset.list(std::string(corp_num), sales, kind, from, to, now);
        fresh.count = invoices.size();
        if (fresh.count <= state.row_cap) {
            fresh.rows.reserve(invoices.size() * 640);
            for (size_t i = 0; i < invoices.size(); ++i) {
                if (i > 0)
                    fresh.rows += ',';
                append_list_row(fresh.rows, *invoices[i], sales, invoices.size(), state.profile,
                                fault_for_row(fault, i));
            }
        }
        rendered = &fresh;
    }
    if (rendered->count > state.row_cap)
        return reject(state, request,
                      {result_code::kTooManyRows,
                       "too many rows for one answer (" + std::to_string(rendered->count) + " > " +
                           std::to_string(state.row_cap) + "): narrow the search range"});

    ApiAnswer answer;
    answer.result_code = result_code::kSuccess;
    answer.rows = rendered->count;
    answer.body.reserve(512 + rendered->rows.size());
    begin_envelope(answer.body, request.get("MessageId"), request.get("Signal"),
                   sbfdw::format_kst_compact(now), result_code::kSuccess, "success", "Table");
    answer.body += rendered->rows;
    end_envelope(answer.body);

    RenderedRowsCache &cache = state.rendered_rows;
    if (rendered == &fresh && !fault && fresh.count <= state.row_cap) {
        if (cache.bytes + fresh.rows.size() > RenderedRowsCache::kMaxBytes)
            cache.clear();
        cache.bytes += fresh.rows.size();
        cache.entries.emplace(key, std::move(fresh));
    }
    return answer;
}

ApiAnswer original_documents(SimState &state, const ApiRequest &request, Instant now,
                             const FieldFault *fault) {
    if (auto rejection = check_token(state, request, now))
        return reject(state, request, *rejection);
    if (request.get("AuthCode") != state.dataset.account().auth_code)
        return reject(state, request, {result_code::kAuthCodeMismatch, "auth code mismatch"});
    if (request.issue_ids.size() > kMaxIssueIds)
        return reject(state, request,
                      {result_code::kTooManyIssueIds,
                       "more than 100 IssueId (" + std::to_string(request.issue_ids.size()) + ")"});

    // Without SearchComRegno every linked company is searched.
    std::vector<std::string> corp_nums;
    if (request.has("SearchComRegno")) {
        if (auto rejection = check_company(state, request.get("SearchComRegno")))
            return reject(state, request, *rejection);
        corp_nums.emplace_back(request.get("SearchComRegno"));
    } else {
        for (const auto &company : state.dataset.companies())
            corp_nums.push_back(company.party.regno);
    }

    const bool sales = request.get("SupBuy_Type") == "AR";
    state.dataset.advance_to(now);
    ApiAnswer answer;
    answer.result_code = result_code::kSuccess;
    begin_envelope(answer.body, request.get("MessageId"), request.get("Signal"),
                   sbfdw::format_kst_compact(now), result_code::kSuccess, "success", "Table");
    std::unordered_set<std::string> seen;
    for (const auto &issue_id : request.issue_ids) {
        if (!seen.insert(issue_id).second)
            continue;
        for (const auto &corp_num : corp_nums) {
            const Invoice *invoice = state.dataset.find_visible(corp_num, sales, issue_id, now);
            if (!invoice)
                continue;
            if (answer.rows > 0)
                answer.body += ',';
            append_xml_row(answer.body, invoice->issue_id, render_dti_xml(*invoice),
                           fault_for_row(fault, answer.rows));
            ++answer.rows;
            break;
        }
    }
    end_envelope(answer.body);
    return answer;
}

} // namespace

ApiAnswer answer_api_request(SimState &state, const ApiRequest &request, const FieldFault *fault) {
    // Throttling comes first after parsing, as a gateway would: a client that retries malformed
    // or unauthorised requests in a loop is slowed down too.
    if (auto wait = state.limiter.admit(std::string(request.get("SendComRegno")),
                                        RateLimiter::TimePoint::clock::now())) {
        ApiAnswer answer =
            envelope_only(state, request, result_code::kTooManyRequests,
                          "too many requests: retry after " + std::to_string(*wait) + " s");
        answer.retry_after = *wait;
        return answer;
    }
    if (auto rejection = check_request_shape(request))
        return reject(state, request, *rejection);
    if (request.get("SendComRegno") != state.dataset.account().send_com_regno)
        return reject(state, request,
                      {result_code::kNotRegistered, "SendComRegno not registered for the API"});

    const Instant now = state.clock.now();
    const std::string_view signal = request.get("Signal");
    if (signal == "GET_TOKEN")
        return get_token(state, request, now, fault);
    if (signal == "OS_DTI_LIST")
        return list_invoices(state, request, now, fault);
    return original_documents(state, request, now, fault);
}

ApiAnswer answer_with_code(SimState &state, const ApiRequest &request, const std::string &code) {
    std::string message(result_message(code));
    if (message.empty())
        message = "forced result code";
    return envelope_only(state, request, code, message);
}

ApiAnswer answer_bad_body(SimState &state) {
    ApiAnswer answer = envelope_only(state, ApiRequest{}, result_code::kFieldMalformed,
                                     "request body is not a JSON object");
    answer.http_status = 400;
    return answer;
}

} // namespace sim
