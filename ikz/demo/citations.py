"""The demo's sources as a reader knows them — by author, title, occasion, paper and date, never by
an internal file name (issue 18, point 7). Every ``source`` text of the demo is built from these."""

from __future__ import annotations

TALK = (
    "Vortrag „IKZ mit System – 10 Jahre kreisweiter IKZ-Prozess im Kreis Groß-Gerau“ "
    "(Fachtagung des Hessischen Ministeriums des Innern und für Sport, 27.09.2023)"
)
TALK_SHORT = "Vortrag „IKZ mit System“, Fachtagung HMdIS 27.09.2023"
GUIDE = "Beitrittsleitfaden der K4K eG „Gemeinsam in die kommunale Zukunft“"
KOINNO = (
    "KOINNO-Praxisbeispiel „Bedarfsbündelung – Interkommunales Vergabezentrum“ "
    "(Kompetenzzentrum innovative Beschaffung des BMWi, Stand Februar 2018)"
)
PRESS_2013 = "Mainspitze vom 25.10.2013, „Im Verbund kostengünstiger“"
PRESS_2023 = "Mainspitze vom 17.07.2023, „Großkontrolle an der Mainspitze“"
PRESS_PROSTSCHG = (
    "Presseartikel „Kommunen kooperieren bei Prostituiertenschutzgesetz“ (im Vortrag abgebildet)"
)
PRESS_NATURE = "Presseartikel „Naturschutz als Gemeinschaft“ (im Vortrag abgebildet)"


def talk(part: str) -> str:
    """A part of the talk, e.g. talk("Bestandsaufnahme 2013, Stand Juni 2013")."""
    return f"{TALK_SHORT}: {part}"
