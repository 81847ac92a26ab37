// The NTS standard e-tax invoice XML (DTI_MSG of OS_DTI_XML), rendered on demand from the model.
//
// Root element TaxInvoice in the default namespace
// urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntitySchemaModule:1:0.
// Dates as NTS writes them:
// - ExchangedDocument/IssueDateTime: 발행일시, yyyyMMddHHmmss (KST)
// - TaxInvoiceDocument/IssueDateTime: 작성일자, yyyyMMdd
// - TaxInvoiceTradeLineItem/PurchaseExpiryDateTime: 공급일자, yyyyMMdd
// TaxInvoiceDocument/TypeCode is the 4-digit DTI type. Optional elements with no value are
// left out rather than written empty: AmendmentStatusCode and OriginalIssueID (originals),
// DescriptionText, BrokerParty, a party's e-mail, address, 업태/종목, and a line's
// InformationText (규격), ChargeableUnitQuantity, UnitPrice (lump sums), DescriptionText (비고).
// Amounts are whole won, quantities and unit prices the model's exact decimal text.
#pragma once

#include <string>

#include "model.hpp"

namespace sim {

inline constexpr const char *kDtiNamespace =
    "urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntitySchemaModule:1:0";

std::string render_dti_xml(const Invoice &invoice);

} // namespace sim
