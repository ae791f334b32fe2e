"""The XRechnung 3.0 XML of an invoice in the UN/CEFACT Cross Industry Invoice syntax (CII D16B,
decision 250). Pure: built from :class:`rules.InvoiceData` with the standard library; the element
order follows the schema, which the tests check against the official XSD."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from xml.etree import ElementTree as ET

from ikz.invoicing import rules

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
for _prefix, _uri in (("rsm", RSM), ("ram", RAM), ("qdt", QDT), ("udt", UDT)):
    ET.register_namespace(_prefix, _uri)


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    prefix, local = name.split(":")
    uri = {"rsm": RSM, "ram": RAM, "qdt": QDT, "udt": UDT}[prefix]
    element = ET.SubElement(parent, f"{{{uri}}}{local}", attrs)
    if text is not None:
        element.text = text
    return element


def _date(parent: ET.Element, name: str, day: dt.date, kind: str = "udt") -> None:
    _el(_el(parent, name), f"{kind}:DateTimeString", day.strftime("%Y%m%d"), format="102")


def _amount(value: Decimal) -> str:
    return f"{rules.money(value):.2f}"


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def to_xml(data: rules.InvoiceData) -> bytes:
    root = ET.Element(f"{{{RSM}}}CrossIndustryInvoice")
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(
        _el(context, "ram:BusinessProcessSpecifiedDocumentContextParameter"), "ram:ID", rules.BUSINESS_PROCESS
    )
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", rules.SPECIFICATION)
    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", data.number)
    _el(document, "ram:TypeCode", data.type_code)
    _date(document, "ram:IssueDateTime", data.issued_on)
    for note in (data.note, _seller_note(data.seller)):
        if note:
            _el(_el(document, "ram:IncludedNote"), "ram:Content", note)
    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for line in data.lines:
        _line(transaction, line)
    _agreement(transaction, data)
    delivery = _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    _date(_el(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime", data.delivered_on)
    _settlement(transaction, data)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def _seller_note(seller: rules.Party) -> str:
    """The seller's register entry as free text (besides BT-30), as German invoices print it."""
    return f"{seller.name}, {seller.register}" if seller.register else ""


def _line(transaction: ET.Element, line: rules.Line) -> None:
    item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
    _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(line.position))
    _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.text)
    agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
    _el(_el(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", _amount(line.unit_price))
    _el(
        _el(item, "ram:SpecifiedLineTradeDelivery"),
        "ram:BilledQuantity",
        _number(line.quantity),
        unitCode=line.unit,
    )
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", line.category)
    if line.category != rules.NOT_SUBJECT:
        _el(tax, "ram:RateApplicablePercent", _number(line.rate))
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line.net))


def _party(parent: ET.Element, name: str, party: rules.Party, endpoint: str, scheme: str) -> ET.Element:
    element = _el(parent, name)
    _el(element, "ram:Name", party.name)
    if party.register:
        _el(_el(element, "ram:SpecifiedLegalOrganization"), "ram:ID", party.register)
    if party.contact_name or party.phone or party.email:
        contact = _el(element, "ram:DefinedTradeContact")
        if party.contact_name:
            _el(contact, "ram:PersonName", party.contact_name)
        if party.phone:
            _el(_el(contact, "ram:TelephoneUniversalCommunication"), "ram:CompleteNumber", party.phone)
        if party.email:
            _el(_el(contact, "ram:EmailURIUniversalCommunication"), "ram:URIID", party.email)
    address = _el(element, "ram:PostalTradeAddress")
    _el(address, "ram:PostcodeCode", party.postal_code)
    if party.street:
        _el(address, "ram:LineOne", party.street)
    _el(address, "ram:CityName", party.city)
    _el(address, "ram:CountryID", party.country)
    if endpoint:
        _el(_el(element, "ram:URIUniversalCommunication"), "ram:URIID", endpoint, schemeID=scheme)
    return element


def _agreement(transaction: ET.Element, data: rules.InvoiceData) -> None:
    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    _el(agreement, "ram:BuyerReference", data.buyer_reference)
    seller = _party(agreement, "ram:SellerTradeParty", data.seller, data.seller.email, rules.EMAIL_SCHEME)
    not_subject = any(line.category == rules.NOT_SUBJECT for line in data.lines)
    if data.seller.vat_id and not not_subject:  # BR-O-2: no VAT id on a not-taxable invoice
        _el(_el(seller, "ram:SpecifiedTaxRegistration"), "ram:ID", data.seller.vat_id, schemeID="VA")
    if data.seller.tax_number:
        _el(_el(seller, "ram:SpecifiedTaxRegistration"), "ram:ID", data.seller.tax_number, schemeID="FC")
    _party(agreement, "ram:BuyerTradeParty", data.buyer, data.buyer_endpoint, data.buyer_endpoint_scheme)
    if data.order_reference:
        _el(_el(agreement, "ram:BuyerOrderReferencedDocument"), "ram:IssuerAssignedID", data.order_reference)


def _settlement(transaction: ET.Element, data: rules.InvoiceData) -> None:
    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:PaymentReference", data.number)
    _el(settlement, "ram:InvoiceCurrencyCode", data.currency)
    means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    _el(means, "ram:TypeCode", rules.SEPA_TRANSFER)
    account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
    _el(account, "ram:IBANID", rules.normalize_iban(data.iban))
    if data.account_holder:
        _el(account, "ram:AccountName", data.account_holder)
    if data.bic:
        _el(_el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID", data.bic)
    totals = data.totals
    for group in totals.groups:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(group.tax))
        _el(tax, "ram:TypeCode", "VAT")
        if group.category != rules.STANDARD:
            _el(tax, "ram:ExemptionReason", group.reason)
        _el(tax, "ram:BasisAmount", _amount(group.basis))
        _el(tax, "ram:CategoryCode", group.category)
        if group.category == rules.NOT_SUBJECT:
            _el(tax, "ram:ExemptionReasonCode", "VATEX-EU-O")
        # BR-DE-14: the breakdown always names its rate (0 for O and E); only O lines leave it out
        _el(tax, "ram:RateApplicablePercent", _number(group.rate))
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _el(terms, "ram:Description", data.payment_terms)
    _date(terms, "ram:DueDateDateTime", data.due_on)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(totals.net))
    _el(summation, "ram:TaxBasisTotalAmount", _amount(totals.net))
    _el(summation, "ram:TaxTotalAmount", _amount(totals.tax), currencyID=data.currency)
    _el(summation, "ram:GrandTotalAmount", _amount(totals.gross))
    _el(summation, "ram:DuePayableAmount", _amount(totals.gross))
    if data.preceding_number:
        preceding = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(preceding, "ram:IssuerAssignedID", data.preceding_number)
        if data.preceding_issued_on:
            _date(preceding, "ram:FormattedIssueDateTime", data.preceding_issued_on, "qdt")
