"""Seed 003's projects over ten years: the stages each project reached and the day each took effect
(decisions 105–107), entered through ``projects.services.record_history`` like a past project an
office captures.

The seed gives years ("IKZ-Pilotprojekt 2014/15", "IKZ-Prüfprojekt 2019 - 2021", "IKZ-Projekt
2022 - 2024") and the days operation began ("Arbeitsstart: 1.7.2017", "1.4.2023", "1.5.2023", the
ProstSchG agreement from 1 October 2020). The days of the stages within those years are
illustrative, chosen once here so that the order is the seed's: the five pilots of 2014 start in
January 2014 ("fünf Aufgabenfelder …, für die im Jahr 2014 konkrete Pilotprojekte starten"), the
Gaststätten study pauses in the Corona lockdowns of spring and winter 2020 ("Unterbrechungen wg.
Corona-Pandemie"), the projects of the 2023 matrix begin in the seed's column order (Feuerwehr
2022, then Klimaschutz, Reinigung, Informationssicherheit, Hinweisgeberschutz, Smart Cities).
"""

from __future__ import annotations

import datetime as dt

from ikz.projects import rules
from ikz.projects.models import Status
from ikz.projects.services import HistoryStep

D = dt.date
CORONA = "Unterbrechung wg. Corona-Pandemie"


def study(
    proposal: dt.date,
    prioritised: dt.date,
    commissioned: dt.date,
    verdict: dt.date | None = None,
    implementation: dt.date | None = None,
) -> list[HistoryStep]:
    """Proposal → prioritised → commissioned → study begun (the day of the commission) → verdict
    → implementation decided, as far as given."""
    steps = [
        HistoryStep(Status.PROPOSAL, proposal),
        HistoryStep(Status.PRIORITISED, prioritised),
        HistoryStep(Status.COMMISSIONED, commissioned),
        HistoryStep(Status.FEASIBILITY, commissioned),
    ]
    if verdict is not None:
        steps.append(HistoryStep(Status.VERDICT, verdict))
    if implementation is not None:
        steps.append(HistoryStep(Status.IMPLEMENTATION, implementation))
    return steps


def then(steps: list[HistoryStep], *more: HistoryStep) -> list[HistoryStep]:
    return [*steps, *more]


PILOT_2014 = (D(2014, 1, 20), D(2014, 2, 10), D(2014, 3, 1))  # the five pilots of 2014
STEPS: dict[str, list[HistoryStep]] = {
    # IKZ-Pilotprojekt 2014/15 → transferred to the existing Zweckverband Riedwerke, which tendered
    # from 2015 for the periods from 1.1.2016
    "Strom- und Gaseinkauf": then(
        study(*PILOT_2014, D(2015, 3, 31), D(2015, 4, 15)), HistoryStep(Status.TRANSFERRED, D(2015, 7, 1))
    ),
    # Prüfprojekt 2014/15 → Beschaffungsgemeinschaften (2015, 2016) → Kompetenzzentrum (2016) →
    # Kommunales Vergabezentrum from 1.7.2017
    "Beschaffungswesen": then(
        study(*PILOT_2014, D(2015, 6, 30)), HistoryStep(Status.FOLLOWED_UP, D(2015, 7, 15))
    ),
    "IKZ-Beschaffungsgemeinschaften Papier und Büromaterial": then(
        study(D(2015, 7, 15), D(2015, 7, 15), D(2015, 8, 3), D(2015, 9, 30), D(2015, 10, 1)),
        HistoryStep(Status.FOLLOWED_UP, D(2016, 1, 18)),
    ),
    "Kompetenzzentrum Beschaffungswesen": then(
        study(D(2016, 1, 18), D(2016, 1, 18), D(2016, 2, 1), D(2016, 12, 15), D(2017, 3, 1)),
        HistoryStep(Status.OPERATING, D(2017, 7, 1)),
    ),
    # "seit 2015 interkommunale Aufgabenwahrnehmung durch gemeinsame Beauftragung"
    "Prüfung elektrischer Anlagen": then(
        study(*PILOT_2014, D(2014, 11, 28), D(2014, 12, 15)), HistoryStep(Status.OPERATING, D(2015, 1, 1))
    ),
    "Bezügeabrechnung": then(
        study(*PILOT_2014, D(2015, 6, 30)), HistoryStep(Status.TRANSFERRED, D(2015, 12, 31))
    ),
    "Standesamtswesen": then(study(*PILOT_2014, D(2015, 6, 30)), HistoryStep(Status.LOCAL, D(2016, 1, 1))),
    "Landschaftspflege": then(
        study(D(2018, 1, 15), D(2018, 2, 5), D(2018, 3, 5), D(2019, 6, 28), D(2019, 9, 2)),
        HistoryStep(Status.OPERATING, D(2020, 7, 1)),
    ),
    "Umsetzung ProstSchG": then(
        study(D(2018, 11, 5), D(2018, 12, 3), D(2019, 1, 14), D(2019, 11, 29), D(2020, 2, 3)),
        HistoryStep(Status.OPERATING, D(2020, 10, 1)),
    ),
    # Prüfprojekt 2019 - 2021 with interruptions for the pandemic; Umsetzungsprojekt 2022
    "Überwachung Gaststättenrecht und Geldspielgeräte": then(
        study(D(2019, 3, 4), D(2019, 4, 1), D(2019, 5, 6)),
        HistoryStep(Status.PAUSED, D(2020, 3, 16), CORONA),
        HistoryStep(rules.RESUMED, D(2020, 9, 1)),
        HistoryStep(Status.PAUSED, D(2020, 11, 2), CORONA),
        HistoryStep(rules.RESUMED, D(2021, 3, 1)),
        HistoryStep(Status.VERDICT, D(2021, 9, 30)),
        HistoryStep(Status.IMPLEMENTATION, D(2022, 1, 17)),
        HistoryStep(Status.OPERATING, D(2023, 5, 1)),
    ),
    "Fördermittelmanagement": then(
        study(D(2021, 1, 18), D(2021, 2, 1), D(2021, 3, 1), D(2022, 6, 30), D(2022, 9, 5)),
        HistoryStep(Status.OPERATING, D(2023, 4, 1)),
    ),
    # IKZ-Projekt 2022 - 2024: in implementation through 2023, operating from 1.1.2024
    "Beschaffung Feuerwehrbedarf, Organisation Instandhaltung": then(
        study(D(2022, 2, 7), D(2022, 3, 7), D(2022, 4, 4), D(2023, 3, 31), D(2023, 6, 1)),
        HistoryStep(Status.OPERATING, D(2024, 1, 1)),
    ),
    # the 2023 projects in the seed's column order; still in their study today (illustrative)
    "Klimaschutz": study(D(2023, 1, 9), D(2023, 2, 6), D(2023, 3, 6)),
    "Organisation der Reinigung kommunaler Liegenschaften": study(
        D(2023, 1, 10), D(2023, 2, 6), D(2023, 3, 6)
    ),
    "Informationssicherheit / IT-Sicherheit": study(D(2023, 1, 11), D(2023, 1, 13), D(2023, 1, 16)),
    "Umsetzung Hinweisgeberschutzgesetz": study(D(2023, 1, 12), D(2023, 2, 6), D(2023, 3, 6)),
    "Smart Cities / Smart Region": study(D(2023, 1, 13), D(2023, 2, 6), D(2023, 3, 6)),
}
