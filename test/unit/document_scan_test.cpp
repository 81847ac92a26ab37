#include "core/document_scan.hpp"
#include "core/invoice_scan.hpp"

#include "server.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

using namespace sbfdw;

namespace {

// The simulator in this process, on its standard fixed clock, and its account.
struct InProcessSimulator {
    std::unique_ptr<sim::SimServer> server;
    ServerSettings settings;
    Credentials credentials;
    std::string corp_num;

    InProcessSimulator() {
        sim::ServerOptions options;
        options.clock = *sim::SimClock::parse("fixed:2026-11-15T12:00:00");
        server = std::make_unique<sim::SimServer>(options);
        const int port = server->start_in_background();
        settings.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/sb-api/request/";
        settings.retry_base_delay_ms = 10;
        simdjson::dom::parser parser;
        simdjson::dom::element account = parser.parse(server->account_json());
        credentials.send_com_regno = std::string(account["send_com_regno"].get_string().value());
        credentials.auth_token = std::string(account["auth_token"].get_string().value());
        credentials.auth_code = std::string(account["auth_code"].get_string().value());
        corp_num = credentials.send_com_regno;
    }
};

Condition written_on(Day day) {
    Comparison c;
    c.column = PlanColumn::WriteDate;
    c.op = CompareOp::Eq;
    c.day = day;
    return Condition::make_leaf(c);
}

Condition issue_id_in(std::vector<std::string> ids) {
    std::vector<Condition> any;
    for (std::string &id : ids) {
        Comparison c;
        c.column = PlanColumn::IssueId;
        c.op = CompareOp::Eq;
        c.text = std::move(id);
        any.push_back(Condition::make_leaf(c));
    }
    return Condition::make_or(std::move(any));
}

PlanInputs inputs_for(const InProcessSimulator &sim, Condition condition) {
    PlanInputs in;
    in.condition = std::move(condition);
    in.default_corp_num = sim.corp_num;
    in.today = day_from_civil(2026, 11, 15);
    return in;
}

// Columns every document carries from the listing: no XML parsing needed.
std::vector<FieldSpec> listing_columns() {
    return {{"issue_id", "ISSUE_ID", FieldKind::Text},
            {"supbuy_type", "SUPBUY_TYPE", FieldKind::Text}};
}

std::vector<std::pair<std::string, std::string>> drain(DocumentScan &scan) {
    std::vector<std::pair<std::string, std::string>> rows;
    while (scan.next())
        rows.emplace_back(scan.row()[0].text, scan.row()[1].text);
    return rows;
}

} // namespace

TEST(DocumentScan, OneDocumentPerListedInvoice) {
    InProcessSimulator sim;
    const PlanInputs in = inputs_for(sim, written_on(day_from_civil(2026, 10, 1)));
    InvoiceScan listing(sim.settings, sim.credentials, plan_scan(in), listing_columns(),
                        "tax_invoices", nullptr);
    std::vector<std::pair<std::string, std::string>> listed;
    while (listing.next())
        listed.emplace_back(listing.row()[0].text, listing.row()[1].text);
    ASSERT_FALSE(listed.empty());

    DocumentScan scan(sim.settings, sim.credentials, DtiRowKind::Document, plan_document_scan(in),
                      listing_columns(), "tax_invoice_documents", nullptr);
    std::vector<std::pair<std::string, std::string>> documents = drain(scan);
    std::sort(listed.begin(), listed.end());
    std::sort(documents.begin(), documents.end());
    EXPECT_EQ(documents, listed);
}

TEST(DocumentScan, IssueIdFindsItsDirectionAndUnknownIdsYieldNothing) {
    InProcessSimulator sim;
    const PlanInputs day = inputs_for(sim, written_on(day_from_civil(2026, 10, 1)));
    InvoiceScan listing(sim.settings, sim.credentials, plan_scan(day), listing_columns(),
                        "tax_invoices", nullptr);
    std::string purchase;
    while (listing.next() && purchase.empty())
        if (listing.row()[1].text == "AP")
            purchase = listing.row()[0].text;
    ASSERT_FALSE(purchase.empty());

    // Approval numbers only: the listing of their issue days says which direction holds each.
    const std::string unknown = purchase.substr(0, 8) + "9999999999999999";
    DocumentPlan plan =
        plan_document_scan(inputs_for(sim, issue_id_in({purchase, unknown, "not-a-number"})));
    ASSERT_TRUE(plan.by_issue_id);
    DocumentScan scan(sim.settings, sim.credentials, DtiRowKind::Document, plan, listing_columns(),
                      "tax_invoice_documents", nullptr);
    std::vector<std::pair<std::string, std::string>> rows = drain(scan);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].first, purchase);
    EXPECT_EQ(rows[0].second, "AP");

    // Nothing listed at all: no OS_DTI_XML either, and no row.
    DocumentPlan none = plan_document_scan(inputs_for(sim, issue_id_in({unknown})));
    DocumentScan empty(sim.settings, sim.credentials, DtiRowKind::Document, none, listing_columns(),
                       "tax_invoice_documents", nullptr);
    EXPECT_TRUE(drain(empty).empty());
    EXPECT_EQ(empty.stats().requests, 2); // the listing of that day, AR and AP
}

TEST(DocumentScan, NeedsTheAuthCode) {
    InProcessSimulator sim;
    Credentials c = sim.credentials;
    c.auth_code.clear();
    try {
        DocumentScan scan(sim.settings, c, DtiRowKind::Document,
                          plan_document_scan(inputs_for(sim, Condition::unknown())),
                          listing_columns(), "tax_invoice_documents", nullptr);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "28000");
        EXPECT_NE(e.message().find("\"auth_code\""), std::string::npos);
    }
}
