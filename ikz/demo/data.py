"""Demo data: Kreis Groß-Gerau (seed 003) and the members of K4K eG (seed 000).

Official figures are written here as facts, taken from the Destatis register files
GV100AD_31122022.txt (population 31.12.2022) and GV100AD_30112025.txt (population 31.12.2024,
area in hectares, Stichtag 31.12.2024). A data test (ikz/demo/tests/test_demo.py) compares every
figure with those files whenever they are available. Persons are invented and marked as demo.
"""

from __future__ import annotations

import datetime as dt

from ikz.demo import citations

STICHTAG_2022 = dt.date(2022, 12, 31)
STICHTAG_2024 = dt.date(2024, 12, 31)
SOURCE_2022 = "Destatis GV100AD, Gebietsstand 31.12.2022"
SOURCE_2024 = "Destatis GV100AD, Gebietsstand 30.11.2025"
GEBIETSSTAND = dt.date(2025, 11, 30)

# (key, official name, kind, textkennzeichen, parent key, seat)
HIGHER_UNITS: list[tuple[str, str, str, str, str | None, str]] = [
    ("06", "Hessen", "land", "", None, "Wiesbaden"),
    ("064", "Reg.-Bez. Darmstadt", "regierungsbezirk", "", "06", "Darmstadt"),
    ("065", "Reg.-Bez. Gießen", "regierungsbezirk", "", "06", "Gießen"),
    ("066", "Reg.-Bez. Kassel", "regierungsbezirk", "", "06", "Kassel"),
    ("06413", "Offenbach am Main, Stadt", "kreisfreie_stadt", "41", "064", "Offenbach am Main"),
    ("06433", "Groß-Gerau", "landkreis", "44", "064", "Groß-Gerau"),
    ("06434", "Hochtaunuskreis", "landkreis", "44", "064", "Bad Homburg v. d. Höhe"),
    ("06435", "Main-Kinzig-Kreis", "landkreis", "44", "064", "Gelnhausen"),
    ("06440", "Wetteraukreis", "landkreis", "44", "064", "Friedberg (Hessen)"),
    ("06532", "Lahn-Dill-Kreis", "landkreis", "44", "065", "Wetzlar"),
    ("06534", "Marburg-Biedenkopf", "landkreis", "44", "065", "Marburg"),
    ("06631", "Fulda", "landkreis", "44", "066", "Fulda"),
]

# Kreis-level sums over their Gemeinden: key → (population 2022, population 2024, area ha)
KREIS_SUMS: dict[str, tuple[int, int, int]] = {
    "06413": (134170, 132746, 4488),
    "06433": (280308, 268310, 45303),
    "06434": (239488, 241664, 48184),
    "06435": (430838, 420914, 139733),
    "06440": (317298, 311593, 110069),
    "06532": (257289, 254074, 106630),
    "06534": (249684, 242805, 126237),
    "06631": (227456, 222283, 138042),
}


# Gemeinden: (AGS, ARS, official name, kind, textkennzeichen, area ha, population 2022,
#             population 2024, male 2024, PLZ)
GEMEINDEN: list[tuple[str, str, str, str, str, int, int, int, int, str]] = [
    ("06433001", "064330001001", "Biebesheim am Rhein", "gemeinde", "64", 1868, 6675, 6515, 3294, "64584"),
    ("06433002", "064330002002", "Bischofsheim", "gemeinde", "64", 903, 13176, 12979, 6441, "65474"),
    ("06433003", "064330003003", "Büttelborn", "gemeinde", "64", 3001, 14992, 14685, 7294, "64572"),
    (
        "06433004",
        "064330004004",
        "Gernsheim, Schöfferstadt",
        "stadt",
        "63",
        4011,
        11024,
        10685,
        5179,
        "64579",
    ),
    (
        "06433005",
        "064330005005",
        "Ginsheim-Gustavsburg, Stadt",
        "stadt",
        "63",
        1394,
        16960,
        16488,
        8180,
        "65462",
    ),
    ("06433006", "064330006006", "Groß-Gerau, Stadt", "stadt", "63", 5447, 26418, 25388, 12702, "64521"),
    ("06433007", "064330007007", "Kelsterbach, Stadt", "stadt", "63", 1541, 17375, 16622, 8381, "65451"),
    (
        "06433008",
        "064330008008",
        "Mörfelden-Walldorf, Stadt",
        "stadt",
        "63",
        4413,
        35291,
        31638,
        15814,
        "64546",
    ),
    ("06433009", "064330009009", "Nauheim", "gemeinde", "64", 1377, 10840, 10496, 5181, "64569"),
    ("06433010", "064330010010", "Raunheim, Stadt", "stadt", "63", 1260, 16542, 15297, 7852, "65479"),
    (
        "06433011",
        "064330011011",
        "Riedstadt, Büchnerstadt",
        "stadt",
        "63",
        7373,
        24209,
        23146,
        11638,
        "64560",
    ),
    (
        "06433012",
        "064330012012",
        "Rüsselsheim am Main, Stadt",
        "sonderstatusstadt",
        "63",
        5829,
        67277,
        65627,
        32979,
        "65428",
    ),
    ("06433013", "064330013013", "Stockstadt am Rhein", "gemeinde", "64", 1873, 6333, 5945, 3039, "64589"),
    ("06433014", "064330014014", "Trebur", "gemeinde", "64", 5013, 13196, 12799, 6320, "65468"),
    (
        "06413000",
        "064130000000",
        "Offenbach am Main, Stadt",
        "kreisfreie_stadt",
        "61",
        4488,
        134170,
        132746,
        66705,
        "63065",
    ),
    ("06440003", "064400003003", "Bad Vilbel, Stadt", "stadt", "63", 2568, 35758, 35961, 17571, "61118"),
    (
        "06440008",
        "064400008008",
        "Friedberg (Hessen), Kreisstadt",
        "stadt",
        "63",
        5018,
        30818,
        30409,
        15530,
        "61169",
    ),
    (
        "06532023",
        "065320023023",
        "Wetzlar, Stadt",
        "sonderstatusstadt",
        "63",
        7565,
        54187,
        54665,
        26647,
        "35578",
    ),
]

# The region of seed 003 in the order and with the short labels of its matrices.
REGION_NAME = "IKZ Kreis Groß-Gerau"
REGION_SLUG = "kreis-gross-gerau"
# "Kreisweiter IKZ-Prozess seit 2013" (seed 003): the source names the year, not a day. The concept
# was presented "zu Beginn des Jahres" 2013 and the survey ran from February 2013, so 1 January 2013
# is the one day that is certainly not after the start and before everything the process produced.
PROCESS_START = dt.date(2013, 1, 1)
REGION_MEMBERS: list[tuple[str, str]] = [
    ("06433012", "Rüss"),
    ("06433010", "Raun"),
    ("06433007", "Kelst"),
    ("06433005", "GiGu"),
    ("06433002", "Bisch"),
    ("06433008", "MöWa"),
    ("06433006", "GG"),
    ("06433003", "Bütt"),
    ("06433014", "Treb"),
    ("06433009", "Nau"),
    ("06433011", "Ried"),
    ("06433004", "Gerns"),
    ("06433001", "Bieb"),
    ("06433013", "Stock"),
    ("06433", "Kreis"),
]

# Seed 003, table "EW-Zahl / Zahl der Kommunen". The seed gives ranges for four classes and single
# values ("35.000", "67.000") for two; for those we use ±1,000 (documented in docs/decisions.md).
SIZE_CLASSES: list[tuple[str, int, int | None, int]] = [
    ("6.000 – 8.000", 6000, 8000, 2),
    ("10.000 – 15.000", 10000, 15000, 5),
    ("15.001 – 17.000", 15001, 17000, 3),
    ("24.000 – 27.000", 24000, 27000, 2),
    ("35.000", 34000, 36000, 1),
    ("67.000", 66000, 68000, 1),
]
CLASS_SOURCE = (
    citations.TALK + ": Tabelle „EW-Zahl / Zahl der Kommunen“, EW gesamt rd. 280.000, Fläche 453,04 km²"
)

STEERING_GROUP: list[tuple[str, str, str | None]] = [
    ("Dr. Anna Beispiel", "Leitung der IKZ-Geschäftsstelle (c/o Stadt Raunheim)", "06433010"),
    ("Bernd Muster", "Bürgermeister, Vertreter Süd", "06433004"),
    ("Clara Probe", "Bürgermeisterin, Vertreterin Mitte", "06433006"),
    ("Dirk Exempel", "Bürgermeister, Vertreter Nord", "06433010"),
    ("Eva Demo", "Landrätin des Kreises Groß-Gerau", "06433"),
]

# Seed 003, "Analyse für alle kommunalen Aufgabengebiete": 15 task areas with their fields.
# Fields of the first two areas are the rows of the 2013 inventory matrices; the others are the
# IKZ projects named in seed 003, assigned to the task area they belong to.
MATRIX_SOURCE = citations.talk("Bestandsaufnahme 2013 (Übersicht)")
PROJECT_SOURCE = citations.talk("IKZ-Projekte seit 2014")
TASK_AREAS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Zentrale Angelegenheiten",
        [
            ("Postverbund", MATRIX_SOURCE),
            ("Rechtsamt", MATRIX_SOURCE),
            ("Beschaffungen", MATRIX_SOURCE),
            ("amtliche Bekanntmachungen", MATRIX_SOURCE),
            ("Vergabezentrum", PROJECT_SOURCE),
            ("Reinigung kommunaler Liegenschaften", PROJECT_SOURCE),
            ("Prüfung elektrischer Anlagen", PROJECT_SOURCE),
        ],
    ),
    (
        "Informationstechnologie",
        [
            ("DV-Leistungen für Kommunen", MATRIX_SOURCE),
            ("Softwareschulungen für Systemsoftware", MATRIX_SOURCE),
            ("Prüfung von EDV-Software", MATRIX_SOURCE),
            ("IT-Projekte", MATRIX_SOURCE),
            ("E-Government", PROJECT_SOURCE),
            ("Einführung e-Akte/DMS", PROJECT_SOURCE),
            ("Informationssicherheit / IT-Sicherheit", PROJECT_SOURCE),
            ("Smart Cities / Smart Region", PROJECT_SOURCE),
        ],
    ),
    ("Personalmanagement", [("Bezügeabrechnung", PROJECT_SOURCE)]),
    (
        "Finanzmanagement, Kasse",
        [
            ("Fördermittelmanagement", PROJECT_SOURCE),
            ("E-Rechnung / Elektronischer Rechnungsworkflow", PROJECT_SOURCE),
        ],
    ),
    (
        "Sicherheit und Ordnung",
        [
            ("Standesamtswesen", PROJECT_SOURCE),
            ("Überwachung Gaststättenrecht und Geldspielgeräte", PROJECT_SOURCE),
            ("Umsetzung ProstSchG", PROJECT_SOURCE),
            ("Umsetzung Hinweisgeberschutzgesetz", PROJECT_SOURCE),
        ],
    ),
    ("Brandschutz", [("Beschaffung Feuerwehrbedarf, Organisation Instandhaltung", PROJECT_SOURCE)]),
    ("Soziales, Kinder, Jugend, Familie, Schule", [("Modulare Kita-Bauweise", PROJECT_SOURCE)]),
    ("Kultur- und Vereinsmanagement", []),
    ("Sport, Freizeit, Erholung", []),
    (
        "Räumliche Planung und Entwicklung, Bauverwaltung, Wohnen",
        [("Aktivierung von Wohnraumpotenzial", PROJECT_SOURCE)],
    ),
    (
        "Ver- und Entsorgung, Energie",
        [
            ("Strom- und Gaseinkauf", PROJECT_SOURCE),
            ("Klärschlammentsorgung", PROJECT_SOURCE),
            ("E-Mobilität", PROJECT_SOURCE),
        ],
    ),
    ("Bauhof", [("Streusalzmanagement", PROJECT_SOURCE)]),
    ("Verkehrsflächen und -anlagen, ÖPNV", []),
    (
        "Naturschutz und Landschaftspflege, Umweltschutz",
        [("Landschaftspflege", PROJECT_SOURCE), ("Klimaschutz", PROJECT_SOURCE)],
    ),
    ("Wirtschaft und Tourismus", []),
]

# K4K eG members (seed 000) that are municipal organisations without an official key:
# (name, kind, parent key, municipal share %)
ORGANISATIONS: list[tuple[str, str, str, str]] = [
    ("Kommunales Center für Arbeit – Jobcenter", "jobcenter", "06435", "100"),
    ("Kommunales Jobcenter Groß-Gerau", "jobcenter", "06433", "100"),
    ("Kommunales Jobcenter Lahn-Dill", "jobcenter", "06532", "100"),
]
# The other K4K members are register units: Hochtaunuskreis, Landkreis Fulda, Landkreis
# Marburg-Biedenkopf, Stadt Bad Vilbel, Stadt Friedberg, Stadt Offenbach am Main, Stadt Wetzlar.
K4K_MEMBER_KEYS = ["06434", "06631", "06534", "06440003", "06440008", "06413000", "06532023"]

DEMO_PASSWORD = "Demo-IKZ-2026!"

# (username, first name, last name, role, region?, municipality key?, staff)
DEMO_USERS: list[tuple[str, str, str, str, bool, str | None, bool]] = [
    ("geschaeftsstelle", "Gisela", "Stelle", "office", True, None, True),
    ("lenkungsgruppe", "Lars", "Lenker", "steering", True, None, False),
    ("kommune-raunheim", "Rita", "Raunheimer", "contact", False, "06433010", False),
    ("kommune-kelsterbach", "Kai", "Kelster", "contact", False, "06433007", False),
    ("projektleitung", "Paula", "Projekt", "project_lead", False, None, False),
    ("mitglied", "Moritz", "Mitglied", "member", False, "06532023", False),
    ("genossenschaft", "Greta", "Genossin", "office", False, None, True),  # the cooperative's team
]

# A contact person the office has invited and who has not yet set a password (issue 19): the page
# "Personen und Zugänge" shows the open invitation. (e-mail, first name, last name, function, AGS)
DEMO_INVITATION = (
    "bea.beispiel@bischofsheim.example",
    "Bea",
    "Beispiel",
    "IKZ-Ansprechpartnerin, Hauptamt",
    "06433002",
)

CONTACT_PERSONS: list[tuple[str, str, str, str, str]] = [
    (
        "06433010",
        "Rita Raunheimer",
        "IKZ-Ansprechpartnerin, Zentrale Dienste",
        "ikz@raunheim.example",
        "06142 000-216",
    ),
    ("06433007", "Kai Kelster", "IKZ-Ansprechpartner, Hauptamt", "ikz@kelsterbach.example", "06107 000-100"),
]
