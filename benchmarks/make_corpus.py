"""A deterministic generator of realistic archival transcripts, input for `tei convert`.

    python benchmarks/make_corpus.py --count N --out DIR [--seed S]

writes a complete edition folder: DIR/edition.toml (the facts of corpus/edition.toml
under a title saying the corpus is generated) and DIR/sources/NNNNN_xxxxxxxx.txt, one
transcript per document, then prints how many documents took each shape.  Tests and
benchmark scripts import it (benchmarks/ is not a package)::

    sys.path.insert(0, "benchmarks")
    from make_corpus import make_corpus
    sources = make_corpus(Path(folder), count=1000, seed=0)

The transcripts are shaped like the five seeds in corpus/sources/ and built from the
same parts: metadata header or none, Russian original (archival and/or printed in a
document collection) and/or English translation, in loose Markdown.  What varies,
document by document:

- the header: bold labels (seeds 000, 003), the archive's banner first (001), plain
  labels (004), or none (002); the title on one line or broken over two; the
  citation's holdings (fond/opis/delo references, collections, translator); Credits
  present or not; Contents listing the witnesses the text has;
- the text: Russian only, English only, or both; the Russian as the archival
  document, as printed in a collection (page numbers ``- 1039 -``, paragraphs and
  words broken across pages, the collection's number, title, source note and
  ``Справка:``), or both (seed 001);
- the documents in one file: a single telegram, report or memorandum, or a bundle
  (a Politburo decision with the approved telegram, a TASS statement, a covering
  memorandum), split by archival number stamps (``№ 72, I``) or wide gaps;
- the parts of each document: stamps, folio numbers, registry and classification
  marks, letterheads, headings, address lines, datelines in the seeds' date styles
  (English, Russian genitive months, Roman-numeral months with Cyrillic look-alikes,
  two-digit years), numbered points (one block per point or one line each),
  signatures, distribution lists (lines, numbered blocks, a table of copies), tables,
  postscripts, footnotes after ``---`` (or a mark with no text), bracketed insertions.

The prose is built from parallel Russian and English phrase lists, so a translation
says what its original says, point for point, and keeps each language in its script.
Each document is drawn from its own random.Random seeded with (seed, K), so document
K is the same in every corpus made with that seed: the corpus of 1,000 is a prefix of
the corpus of 10,000, and the same count and seed give byte-identical files.  The
archive number in a header's citation URL (which becomes the TEI id ``wcda-N``) is
200000 + K.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "corpus" / "edition.toml"
FIRST_NUMBER = 200000  # archive numbers 200000 + K stay clear of the real seeds' 112123-119575
TALKS_START, TALKS_DAYS = datetime.date(1951, 7, 10), 748  # the armistice talks, to 27 July 1953
STALIN_DIED = datetime.date(1953, 3, 5)
PARTY_RENAMED = datetime.date(1952, 10, 14)  # VKP(b) -> CPSU, Politburo -> Presidium

# ---------------------------------------------------------------------------
# Parallel vocabulary: (Russian, English).  Subjects are in their mid-sentence form
# (lower case unless a name); a sentence capitalises its first letter.

SUBJECTS = [
    ("советское правительство", "the Soviet government"),
    ("правительство КНР", "the government of the PRC"),
    ("правительство КНДР", "the government of the DPRK"),
    ("китайско-корейская сторона", "the Sino-Korean side"),
    ("американская сторона", "the American side"),
    ("американское командование", "the American command"),
    ("МИД СССР", "the MFA USSR"),
    ("делегация КНДР", "the DPRK delegation"),
    ("командование китайских народных добровольцев", "the command of the Chinese People's Volunteers"),
    ("Ким Ир Сен", "Kim Il Sung"),
    ("Чжоу Эньлай", "Zhou Enlai"),
    ("Пэн Дэхуай", "Peng Dehuai"),
    ("Нам Ир", "Nam Il"),
    ("Ли Сын Ман", "Syngman Rhee"),
    ("генерал Кларк", "General Clark"),
    ("секретариат ООН", "the UN Secretariat"),
    ("государственный департамент", "the State Department"),
]
REPORT_VERBS = [
    ("считает", "believes"), ("полагает", "considers"), ("сообщает", "reports"),
    ("заявляет", "declares"), ("указывает", "points out"), ("подчеркивает", "underscores"),
    ("настаивает на том", "insists"),
]
ACTION_VERBS = [
    ("затягивает", "is delaying"), ("пытается сорвать", "is trying to disrupt"),
    ("поддерживает", "supports"), ("одобряет", "approves"), ("отклоняет", "rejects"),
    ("готовит", "is preparing"), ("пересматривает", "is revising"), ("игнорирует", "ignores"),
    ("использует", "is using"), ("не принимает", "does not accept"), ("обсуждает", "is discussing"),
]
OBJECTS = [
    ("переговоры о перемирии", "the armistice negotiations"),
    ("вопрос о военнопленных", "the question of prisoners of war"),
    ("проект соглашения о перемирии", "the draft armistice agreement"),
    ("проект коммюнике", "the draft communiqué"),
    ("вопрос о демаркационной линии", "the question of the demarcation line"),
    ("предложение советского правительства", "the proposal of the Soviet government"),
    ("вопрос о репатриации военнопленных", "the question of repatriation of prisoners of war"),
    ("обмен больными и ранеными военнопленными", "the exchange of sick and wounded prisoners of war"),
    ("позицию китайско-корейской стороны", "the position of the Sino-Korean side"),
    ("работу военной комиссии по перемирию", "the work of the Military Armistice Commission"),
    ("текст заявления", "the text of the statement"),
    ("ответ генералу Кларку", "the reply to General Clark"),
    ("проект резолюции", "the draft resolution"),
    ("индийский проект резолюции", "the Indian draft resolution"),
    ("вопрос о созыве политической конференции", "the question of convening a political conference"),
    ("требование о прекращении огня", "the demand for a cease-fire"),
]
ADVERBIALS = [
    ("в Паньмыньчжоне", "at Panmunjom"), ("в Нью-Йорке", "in New York"),
    ("на Генеральной Ассамблее", "at the General Assembly"), ("в настоящее время", "at the present time"),
    ("в ближайшие дни", "in the coming days"), ("без всяких оснований", "without any grounds"),
    ("под давлением общественного мнения", "under the pressure of public opinion"),
    ("в интересах скорейшего окончания войны", "in the interest of ending the war as soon as possible"),
    ("на очередном заседании", "at the next session"), ("по указанию Вашингтона", "on instructions from Washington"),
]
INFINITIVES = [
    ("ускорить", "speed up"), ("отложить", "postpone"), ("рассмотреть", "consider"),
    ("поддержать", "support"), ("пересмотреть", "revise"), ("опубликовать", "publish"),
    ("обсудить", "discuss"), ("отклонить", "reject"),
]
OPINION_OF = [  # "По мнению …" takes the genitive
    ("МИД СССР", "MID [Ministry of Foreign Affairs]"), ("советского правительства", "the Soviet government"),
    ("китайских друзей", "the Chinese friends"), ("корейских товарищей", "the Korean comrades"),
    ("товарища Вышинского", "Comrade Vyshinsky"), ("посольства", "the embassy"),
]
PERSONS = [  # men, for verbs in the past tense
    ("Ким Ир Сен", "Kim Il Sung"), ("Чжоу Эньлай", "Zhou Enlai"), ("Пэн Дэхуай", "Peng Dehuai"),
    ("Нам Ир", "Nam Il"), ("Ли Кэ-нун", "Li Kenong"), ("Пак Хен Ен", "Pak Hon Yong"),
]
PAST_VERBS = [("заявил", "declared"), ("сообщил", "reported"), ("подчеркнул", "underscored"), ("указал", "pointed out")]
AGENCIES = [("Франс Пресс", "France Presse"), ("Ассошиэйтед Пресс", "Associated Press"),
            ("Юнайтед Пресс", "United Press"), ("Рейтер", "Reuters")]
SIDES = [("корейской стороны", "the Korean side"), ("китайских добровольцев", "the Chinese volunteers")]
TOPICS = [  # what a document is about, for titles and summaries: (Russian prepositional, English)
    ("проекте коммюнике китайско-корейской стороны", "the draft communiqué of the Sino-Korean side"),
    ("вопросе о военнопленных", "the question of prisoners of war"),
    ("ходе переговоров о перемирии", "the course of the armistice negotiations"),
    ("позиции правительства КНР", "the position of the PRC government"),
    ("созыве политической конференции", "convening a political conference"),
    ("демаркационной линии", "the demarcation line"),
]


class Signer(NamedTuple):
    sig_ru: str  # signature
    sig_en: str
    surname_ru: str
    surname_en: str
    styled_en: str  # as an archive's title names him
    office_ru: str  # genitive, as a collection's title names him


MINISTER = "министра иностранных дел СССР"
DEPUTY = "заместителя министра иностранных дел СССР"
MOLOTOV = Signer("В. Молотов", "V. Molotov", "Молотов", "Molotov", "USSR Foreign Minister V.M. Molotov", MINISTER)
VYSHINSKY = Signer("А. Вышинский", "A. Vyshinsky", "Вышинский", "Vyshinsky", "USSR Foreign Minister A.Ya. Vyshinsky",
                   MINISTER)
GROMYKO = Signer("А. Громыко", "A. Gromyko", "Громыко", "Gromyko", "Deputy Foreign Minister A.A. Gromyko", DEPUTY)
DEPUTIES = [  # who else signs the ministry's memoranda
    GROMYKO,
    Signer("Г. Пушкин", "G. Pushkin", "Пушкин", "Pushkin", "Deputy Foreign Minister G.M. Pushkin", DEPUTY),
    Signer("В. Зорин", "V. Zorin", "Зорин", "Zorin", "Deputy Foreign Minister V.A. Zorin", DEPUTY),
    Signer("Я. Малик", "Ya. Malik", "Малик", "Malik", "Deputy Foreign Minister Ya.A. Malik", DEPUTY),
    Signer("Б. Подцероб", "B. Podtserob", "Подцероб", "Podtserob", "B.F. Podtserob",
           "заведующего Десятым отделом МИД СССР"),
]


class Envoy(NamedTuple):
    sig_ru: str  # signature of the telegrams they send
    sig_en: str
    named_en: str  # as an archive's title names them
    city_ru: str  # as a telegram form spells the destination
    city_en: str
    addressee_ru: str  # "Кому" on a telegram form
    addressee_en: str
    to_ru: str  # dative, in a collection's title
    from_ru: str  # genitive, in a collection's title
    visits: list[tuple[str, str]]  # whom a telegram tells them to visit: (Russian accusative, English)


KOREANS = [("Ким Ир Сена", "Kim Il Sung"), ("Нам Ира", "Nam Il"), ("Пак Хен Ена", "Pak Hon Yong")]
CHINESE = [("Чжоу Эньлая", "Zhou Enlai"), ("У Сю-цуня", "Siu-Tsuan"), ("Ли Кэ-нуна", "Li Kenong")]
ENVOYS = [
    Envoy("Кузнецов, Федоренко", "Kuznetsov, Fedorenko", "Kuznetsov and Fedorenko", "ПХЕНЬЯН", "Pyongyang",
          "СОВПОСОЛ", "Soviet Ambassador", "послу СССР в КНДР", "дипломатических представителей СССР в КНДР", KOREANS),
    Envoy("Разуваев", "Razuvaev", "Razuvaev", "ПХЕНЬЯН", "Pyongyang", "СОВПОСОЛ", "Soviet Ambassador",
          "послу СССР в КНДР", "посла СССР в КНДР", KOREANS),
    Envoy("Панюшкин", "Panyushkin", "Panyushkin", "ПЕКИН", "Beijing", "СОВПОСОЛ", "Soviet Ambassador",
          "послу СССР в КНР", "посла СССР в КНР", CHINESE),
    Envoy("Кузнецов", "Kuznetsov", "Kuznetsov", "ПЕКИН", "Beijing", "СОВПОСОЛ", "Soviet Ambassador",
          "послу СССР в КНР", "посла СССР в КНР", CHINESE),
    Envoy("Зорин", "Zorin", "Zorin", "НЬЮ-ЙОРК", "New York", "ПОСТПРЕД", "Soviet Representative",
          "постоянному представителю СССР при ООН", "постоянного представителя СССР при ООН",
          [("Председателя Генеральной Ассамблеи", "the President of the General Assembly"),
           ("Генерального секретаря ООН", "the UN Secretary-General")]),
]
LEADERS = [  # (address line in Russian and English, surname in a title, dative in a collection's title)
    ("Товарищу СТАЛИНУ И.В.", "To Comrade STALIN I.V.", "Stalin", "И.В. Сталину"),
    ("Товарищу МОЛОТОВУ В.М.", "To Comrade MOLOTOV V.M.", "Molotov", "В.М. Молотову"),
    ("Товарищу МАЛЕНКОВУ Г.М.", "To Comrade MALENKOV G.M.", "Malenkov", "Г.М. Маленкову"),
    ("Товарищу ВЫШИНСКОМУ А.Я.", "To Comrade VYSHINSKY A.Ya.", "Vyshinsky", "А.Я. Вышинскому"),
]
POLITBURO = [("Маленкову", "Malenkov"), ("Молотову", "Molotov"), ("Берия", "Beria"), ("Микояну", "Mikoyan"),
             ("Кагановичу", "Kaganovich"), ("Булганину", "Bulganin"), ("Хрущеву", "Khrushchev"),
             ("Вышинскому", "Vyshinsky"), ("Громыко", "Gromyko"), ("Зорину", "Zorin")]
# What a Politburo decision approves: (Russian point, English point, Russian draft, English draft).
TASS_DECISION = ("Об опровержении сообщений о переговорах между СССР и США по корейскому вопросу",
                 "On the refutation of reports of negotiations between the USSR and the USA on the Korean question",
                 "опровержения ТАСС", "TASS refutation")
TRANSLATORS = ["Vladislav Zubok", "Kathryn Weathersby", "Gary Goldberg", "Sergey Radchenko", "Danny Rozas"]
FUNDERS = ["Leon Levy Foundation", "the Korea Foundation", "Henry Luce Foundation", "MacArthur Foundation"]
ARCHIVE_HOSTS = ["https://digitalarchive.wilsoncenter.org", "https://wilson-center-digital-archive.dvincitest.com",
                 "https://digitalarchive.umd.edu", "https://wilson-center.drivingcreative.com"]
FOOTNOTES = [("Время отправления.", "Time of dispatch."), ("Так в тексте.", "Thus in the text."),
             ("Подчеркнуто в оригинале.", "Underlined in the original."),
             ("Вписано от руки.", "Handwritten insertion.")]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# A Russian typist's Cyrillic look-alikes, always used where three Latin letters would
# outweigh the Cyrillic of a short Russian line and make it read as English.
ROMAN_CYRILLIC = {"II": "П", "III": "Ш", "VII": "УП", "VIII": "УШ", "XII": "ХП"}
VOWELS = "аеёиоуыэюяaeiou"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------
# Dates, in the styles of the seeds.


def en_long(d: datetime.date) -> str:  # November 3, 1952
    return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"


def en_dmy(d: datetime.date) -> str:  # 25 December 1951
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def en_roman(rng: random.Random, d: datetime.date) -> str:  # 29.III.53, 19/XI/51
    sep = rng.choice("./")
    return f"{d.day}{sep}{ROMAN[d.month - 1]}{sep}{d.year % 100:02d}"


def ru_plain(d: datetime.date) -> str:  # 4 июля 1953 г., as a printed collection gives it
    return f"{d.day} {RU_GENITIVE[d.month - 1]} {d.year} г."


def ru_genitive(rng: random.Random, d: datetime.date) -> str:  # 3 ноября 1952 г., 30 " октября 1952 года
    day = rng.choice([f"{d.day}", f"{d.day}", f'{d.day} "'])
    return f"{day} {RU_GENITIVE[d.month - 1]} {d.year} {rng.choice(['г.', 'г.', 'года'])}"


def ru_roman_month(rng: random.Random, month: int) -> str:
    roman = ROMAN[month - 1]
    if len(roman) >= 3 or (roman in ROMAN_CYRILLIC and rng.random() < 0.5):
        return ROMAN_CYRILLIC[roman]
    return roman


def ru_roman(rng: random.Random, d: datetime.date) -> str:  # 3.XI. 19 52 г., 4. УП 1953 г., 24.Ш.53 г.
    year = rng.choice([f"{d.year}", f"{d.year % 100:02d}", f"19 {d.year % 100:02d}"])
    sep = ". " if year.startswith("19 ") or rng.random() < 0.3 else "."
    return f"{d.day}.{ru_roman_month(rng, d.month)}{sep}{year} г."


def ru_date(rng: random.Random, d: datetime.date) -> str:
    return ru_genitive(rng, d) if rng.random() < 0.6 else ru_roman(rng, d)


# ---------------------------------------------------------------------------
# Prose: parallel sentences and paragraphs.


def sentence(rng: random.Random, d: datetime.date) -> tuple[str, str]:
    s, s2 = rng.sample(SUBJECTS, 2)
    rv, av, o = rng.choice(REPORT_VERBS), rng.choice(ACTION_VERBS), rng.choice(OBJECTS)
    adv = rng.choice(ADVERBIALS) if rng.random() < 0.5 else None
    a_ru, a_en = (f" {adv[0]}", f" {adv[1]}") if adv else ("", "")
    earlier = d - datetime.timedelta(days=rng.randrange(1, 9))  # what the document reports happened before it
    pattern = rng.choices(range(8), [3, 3, 2, 2, 2, 2, 1, 1])[0]
    if pattern == 0:
        return (f"{cap(s[0])} {rv[0]}, что {s2[0]} {av[0]} {o[0]}{a_ru}.",
                f"{cap(s[1])} {rv[1]} that {s2[1]} {av[1]} {o[1]}{a_en}.")
    if pattern == 1:
        return f"{cap(s[0])} {av[0]} {o[0]}{a_ru}.", f"{cap(s[1])} {av[1]} {o[1]}{a_en}."
    if pattern == 2:
        g = rng.choice(OPINION_OF)
        return f"По мнению {g[0]}, {s2[0]} {av[0]} {o[0]}.", f"In the opinion of {g[1]}, {s2[1]} {av[1]} {o[1]}."
    if pattern == 3:
        p, pv = rng.choice(PERSONS), rng.choice(PAST_VERBS)
        s2 = rng.choice([x for x in SUBJECTS if x[0] != p[0]])  # not "Kim declared that Kim ..."
        return (f"{earlier.day} {RU_GENITIVE[earlier.month - 1]} {p[0]} вновь {pv[0]}, что {s2[0]} {av[0]} {o[0]}.",
                f"On {EN_MONTHS[earlier.month - 1]} {earlier.day} {p[1]} again {pv[1]} that {s2[1]} {av[1]} {o[1]}.")
    if pattern == 4:
        inf = rng.choice(INFINITIVES)
        return (f"{cap(s[0])} {rv[0]}, что необходимо {inf[0]} {o[0]}{a_ru}.",
                f"{cap(s[1])} {rv[1]} that it is necessary to {inf[1]} {o[1]}{a_en}.")
    if pattern == 5:
        return f"В связи с этим {s[0]} {av[0]} {o[0]}.", f"In connection with this, {s[1]} {av[1]} {o[1]}."
    if pattern == 6:
        side, low = rng.choice(SIDES), rng.randrange(100, 500, 50)
        return (f"{cap(s[0])} {rv[0]}, что потери {side[0]} составляют около {low}-{low + 100} человек ежедневно.",
                f"{cap(s[1])} {rv[1]} that the losses of {side[1]} amount to about {low}-{low + 100} persons daily.")
    agency = rng.choice(AGENCIES)
    return (f"Сообщение об этом было передано {earlier.day} {RU_GENITIVE[earlier.month - 1]} агентством {agency[0]}.",
            f"A report on this was transmitted on {earlier.day} {EN_MONTHS[earlier.month - 1]} by {agency[1]}.")


def paragraph(rng: random.Random, d: datetime.date, low: int = 2, high: int = 4) -> tuple[str, str]:
    pairs = [sentence(rng, d) for _ in range(rng.randint(low, high))]
    return " ".join(p[0] for p in pairs), " ".join(p[1] for p in pairs)


# ---------------------------------------------------------------------------
# Documents: lists of blocks, each in Russian and/or English.


@dataclass
class Block:
    ru: str | None  # Markdown of the block in the Russian original; None if only the translation has it
    en: str | None  # in the English translation; None if only the original has it
    role: str = "p"  # what it is: p, head, salute, mark, point (numbered), cont (a point's next paragraph),
    # date, sig, list, table, ...; english_text and printed_text treat points and the closer apart
    printed: bool = True  # reproduced when a collection prints the document (archival marks are not)


@dataclass
class Document:
    kind: str  # telegram, report, memo, decision, tass
    blocks: list[Block] = field(default_factory=list)

    def add(self, ru: str | None, en: str | None, role: str = "p", printed: bool = True) -> None:
        self.blocks.append(Block(ru, en, role, printed))

    def mark(self, ru: str | None, en: str | None = None) -> None:
        """Archival forme work (stamps, numbers, classification): never printed in a collection."""
        self.add(ru, en, "mark", printed=False)


def points(rng: random.Random, doc: Document, d: datetime.date, count: int) -> None:
    """Numbered points, some continued by an unnumbered paragraph (seed 001's point 2)."""
    for n in range(1, count + 1):
        ru, en = paragraph(rng, d, 1, 4)
        doc.add(f"{n}. {ru}", f"{n}. {en}", "point")
        if rng.random() < 0.25:
            doc.add(*paragraph(rng, d), "cont")


def body(rng: random.Random, doc: Document, d: datetime.date) -> None:
    if rng.random() < 0.45:
        points(rng, doc, d, rng.randint(2, 5))
    else:
        for _ in range(rng.randint(2, 5)):
            doc.add(*paragraph(rng, d))


def telegram(rng: random.Random, d: datetime.date, sender: Signer, envoy: Envoy, approved: bool) -> Document:
    """A ciphered telegram from Moscow (seed 001), or the message a Politburo decision approves (seed 003)."""
    doc = Document("telegram")
    outgoing, number, hour = rng.randrange(10000, 20000), rng.randrange(300, 1500), rng.randrange(9, 21)
    if approved:
        doc.mark("СОВЕРШЕННО СЕКРЕТНО  \nВНЕ ОЧЕРЕДИ",
                 f"To p.{number % 500}(op) pr.PB No. {number % 100}  \nTop Secret  \nTop Priority")
    else:
        doc.mark(f"№{rng.randint(60, 99)}, I - {rng.randint(1, 9)} {rng.randint(10, 99)}")
        doc.mark(rng.choice(["**НЕ СЕКРЕТНО**", "СЕКРЕТНО", "**СОВЕРШЕННО СЕКРЕТНО**"]))
        doc.mark("МИД СССР  \nДесятый Отдел",
                 f"Ciphered Telegram # {outgoing}  \nTenth Department of the MFA SSSR  \nTop Secret")
        doc.mark(f"Исход № {outgoing}")
        doc.mark(f"Получена {hour} час. 20 мин. {ru_roman(rng, d)}  \nОтправлена {hour + 2} час. 20 мин. "
                 f"{ru_roman(rng, d)}", f"Received; {hour}:20 on {en_dmy(d)}")
        doc.mark(None, f"Sent: {hour + 2}:20 on {en_dmy(d)}.")
        doc.mark(f"Синие копии воспроизводятся  \nСлуж. № {number}-{number + 2}")
        doc.add("### Шифрованная телеграмма", None, "head", printed=False)
    doc.add(f"Куда {' '.join(envoy.city_ru)} Кому {envoy.addressee_ru} Экз. № /",
            f"To: {envoy.city_en}, {envoy.addressee_en}", "salute", printed=False)
    if rng.random() < 0.6:
        doc.mark("**ВНЕ ОЧЕРЕДИ**", "URGENT [vne ocheredi]")
    visit = rng.choice(envoy.visits)
    doc.add(f"{number}-{number + 9}. Посетите {visit[0]} и сообщите ему следующее.",
            f"{number}-{number + 9}. Pay a visit to {visit[1]} and tell him the following.")
    points(rng, doc, d, rng.randint(2, 5))
    doc.add(*rng.choice([("Исполнение телеграфируйте.", "Telegraph the results,"),
                         ("Подтвердите получение.", "Confirm receipt.")]))
    doc.add(sender.surname_ru, sender.surname_en.upper(), "sig")
    if not approved and rng.random() < 0.7:
        copies_table(rng, doc)
    return doc


def report(rng: random.Random, d: datetime.date, envoy: Envoy) -> Document:
    """A telegram reporting to Moscow from an embassy (seed 004)."""
    doc = Document("report")
    ours = rng.randrange(200, 400)
    doc.mark(f"№ {ours + 3}, {ours + 4}")
    doc.add("ШИФРОТЕЛЕГРАММА", "CIPHERED TELEGRAM", "head", printed=False)
    doc.add(None, f"From {envoy.city_en.upper()}", "from", printed=False)
    doc.mark(*rng.choice([("ВНЕ ОЧЕРЕДИ", "Top Priority"), ("СРОЧНО", "Urgent")]))
    doc.mark("ОСОБАЯ ПАПКА", "Special File")
    doc.add(f"К нашему № {ours}.", f"In response to your communication No. {ours}.")
    body(rng, doc, d)
    if rng.random() < 0.3:
        data_table(rng, doc)
    doc.add(ru_date(rng, d), en_roman(rng, d), "date")
    doc.add(envoy.sig_ru, envoy.sig_en, "sig")
    return doc


def memo(rng: random.Random, d: datetime.date, signer: Signer, leader: tuple) -> Document:
    """A memorandum from the Foreign Ministry to the leadership (seeds 000 and 002)."""
    doc = Document("memo")
    if rng.random() < 0.5:
        doc.mark(*rng.choice([("НЕ СЕКРЕТНО", "Not Secret"), ("СЕКРЕТНО", "Secret")]))
        doc.mark(f"{rng.randint(1, 9)}:")
        doc.mark(f"Окз. № {rng.randint(1, 30)}")
    doc.add(leader[0], leader[1], "salute")
    opening = sentence(rng, d)
    doc.add("В связи с поручением Постоянной Комиссии по внешним делам МИД СССР докладывает следующее. " + opening[0],
            "In connection with the instruction of the Standing Commission on Foreign Affairs, the MFA USSR reports "
            "the following. " + opening[1])
    body(rng, doc, d)
    doc.add("Проект постановления прилагается.", "A draft resolution is attached.")
    doc.add("Прошу рассмотреть.", "I ask you to review.")
    # seed 000's signature: the name signed in italics, then typed
    ru_sig = signer.sig_ru if rng.random() < 0.6 else f"*{signer.sig_ru}* /{signer.sig_ru.replace(' ', '')}/"
    doc.add(ru_sig, signer.sig_en, "sig")
    out = rng.randrange(10, 500)
    doc.add(f"{ru_genitive(rng, d)}  \n№ {out}/{rng.choice(['пк', 'гс', 'вш'])}", en_dmy(d), "date")
    doc.add(None, f"No. {out}", "mark", printed=False)
    distribution(rng, doc, d)
    return doc


def decision(rng: random.Random, d: datetime.date, about: tuple) -> Document:
    """An extract from the minutes of the Politburo (seeds 000 and 003)."""
    doc = Document("decision")
    protocol, point = rng.randrange(2, 100), rng.randrange(10, 500)
    members = rng.sample(POLITBURO, 3)
    renamed = d >= PARTY_RENAMED
    doc.mark(f"№ {rng.randint(60, 99)}, I")
    doc.mark(f"{rng.randint(100, 999)} {rng.randint(10, 99)}")
    doc.mark("*Пролетарии всех стран, соединитесь!*")
    if renamed:
        doc.mark("Коммунистическая Партия Советского Союза. **ЦЕНТРАЛЬНЫЙ КОМИТЕТ**",
                 "COMMUNIST PARTY OF THE SOVIET UNION, CENTRAL COMMITTEE")
    else:
        doc.mark("Всесоюзная Коммунистическая Партия (большевиков). **ЦЕНТРАЛЬНЫЙ КОМИТЕТ**",
                 "ALL-UNION COMMUNIST PARTY (bolsheviks), CENTRAL COMMITTEE")
    doc.mark(f"№ П{protocol}/{point}", f"No. P{protocol}/{point} Copies: Comrades " + ", ".join(m[1] for m in members))
    doc.add("Т. т. " + ", ".join(m[0] for m in members), None, "salute", printed=False)
    doc.add(ru_roman(rng, d), en_dmy(d), "date", printed=False)
    body_ru = "Бюро Президиума ЦК" if renamed else "Политбюро ЦК ВКП(б)"
    body_en = ("the Bureau of the Presidium CC CPSU" if renamed else
               "the Politburo CC VKP(b) [Central Committee, All-Union Communist Party (bol'shevik)]")
    doc.add(f"Выписка из протокола № {protocol} заседания {body_ru} от {ru_plain(d)}",
            f"Excerpt from protocol No. {protocol} of the meeting of {body_en}")
    if rng.random() < 0.5:
        doc.mark("Подлежит возврату не позже, чем в 7-дневный срок во 2-ю часть  \n"
                 f"Особого Сектора ЦК (инст. ЦК от 5.V.{rng.randint(40, 52)} г., пр. № 100, п. 5)")
    doc.add(f"{point}.- {about[0]}.", f"{point}. {about[1]}.")
    doc.add(f"Утвердить проект {about[2]} (прилагается).", f"To adopt the attached draft {about[3]}.")
    doc.add("БЮРО ПРЕЗИДИУМА ЦК КПСС" if renamed else "СЕКРЕТАРЬ ЦК", "SECRETARY CC", "sig")
    doc.mark(f"{rng.randint(1, 9)}-кс")
    return doc


def tass(rng: random.Random, d: datetime.date) -> Document:
    """A TASS statement as printed in Izvestiia, filed with the decision that approved it (seed 000)."""
    doc = Document("tass")
    printed = d + datetime.timedelta(days=1)
    doc.mark(f"{rng.randint(10, 99)}  \n\"Известия\" № {rng.randint(100, 300)} от {printed.day}."
             f"{ru_roman_month(rng, printed.month)}.{printed.year}г.")
    doc.add("## Опровержение ТАСС", "## TASS Refutation", "head")
    for _ in range(rng.randint(2, 3)):
        doc.add(*paragraph(rng, d, 1, 3))
    return doc


def distribution(rng: random.Random, doc: Document, d: datetime.date) -> None:
    """Who received copies: Russian lines with hard breaks; English one line (seed 002) or lines."""
    if rng.random() < 0.3:
        return
    names = rng.sample(POLITBURO, rng.randint(3, 8))
    if d < STALIN_DIED and rng.random() < 0.5:
        names.insert(0, ("Сталину", "Stalin"))
    ru = "Разослано:  \n" + "  \n".join(f"товарищу {n[0]}" + (" /2экз/" if k == 0 else "")
                                          for k, n in enumerate(names)) + "  \nв дело /4экз/"
    if rng.random() < 0.6:
        en = "Copies: " + ", ".join(n[1] for n in names) + "."
    else:
        en = "Copies:  \n" + "  \n".join(f"Comrade {n[1]}" for n in names)
    doc.add(ru, en, "list")
    if rng.random() < 0.5:
        doc.mark(f"Отп. {rng.randint(5, 40)} экз. пр.  \n№ {rng.randint(10, 99)}")


def copies_table(rng: random.Random, doc: Document) -> None:
    """Seed 001: the form's table of copy slots in Russian; numbered copy blocks, then a postscript, in English."""
    cols, rows = rng.randint(2, 3), rng.randint(3, 4)
    cells = [[f"{c * rows + r + 1}. Тов. _____" for c in range(cols)] for r in range(rows)]
    width = max(len(cell) for row in cells for cell in row)
    table = ["- |" + "|".join(" " * (width + 2) for _ in range(cols)) + "|",
             "|" + "|".join("-" * (width + 2) for _ in range(cols)) + "|"]
    table += ["| " + " | ".join(cell.ljust(width) for cell in row) + " |" for row in cells]
    names = rng.sample(POLITBURO, rng.randint(3, 6))
    en = [f"Copies: 1 - cde. {names[0][1]}"]
    en += [rng.choice(["{k} - cde. {n}", "{k}. cde. {n}", "{k}.- cde. {n}"]).format(k=k, n=n[1])
           for k, n in enumerate(names[1:], 2)]
    en.append(f"{len(names) + 1} Copy.")
    doc.add("Копии:\n\n" + "\n".join(table), "\n\n".join(en), "list", printed=False)
    if rng.random() < 0.5:
        shown = rng.sample(DEPUTIES, 2)
        doc.add(None, f"Shown to cde. {shown[0].surname_en}, {shown[1].surname_en}.", "ps", printed=False)


def data_table(rng: random.Random, doc: Document) -> None:
    """A small table of figures in a report, in both languages."""
    rows = [("Раненые", "Wounded"), ("Больные", "Sick"), ("Военнопленные", "Prisoners of war"),
            ("Убитые", "Killed")][: rng.randint(2, 4)]
    figures = [rng.randrange(100, 5000) for _ in rows]
    ru = "| Категория | Число |\n|---|---|\n" + "\n".join(f"| {r[0]} | {n} |" for r, n in zip(rows, figures))
    en = "| Category | Number |\n|---|---|\n" + "\n".join(f"| {r[1]} | {n} |" for r, n in zip(rows, figures))
    doc.add(ru, en, "table")


# ---------------------------------------------------------------------------
# The versions of a transcript, as text.

GAP = "\n\n\n\n"  # three blank lines: a new document begins


def archival_text(rng: random.Random, docs: list[Document]) -> str:
    """The Russian archival version: every Russian block; a later document after a gap or a number stamp."""
    out = ""
    for k, doc in enumerate(docs):
        blocks = [b.ru for b in doc.blocks if b.ru is not None]
        if k and rng.random() < 0.5:
            out += GAP
        elif k:
            if not re.match(r"[№N]\s*\d+, I", blocks[0]):
                blocks.insert(0, f"N {rng.randint(60, 99)}, I")  # seed 000's stamp opening the next document
            out += "\n\n"
        out += "\n\n".join(blocks)
    return out


def english_text(rng: random.Random, docs: list[Document]) -> str:
    """The English translation; numbered points on lines of one block (seed 001) or as blocks."""
    joined = rng.random() < 0.4
    out = []
    for doc in docs:
        blocks: list[str] = []
        in_points = False
        for b in doc.blocks:
            if b.en is None:
                continue
            if joined and in_points and b.role in ("point", "cont"):
                blocks[-1] += ("\n" if b.role == "point" else " ") + b.en
            else:
                blocks.append(b.en)
            in_points = b.role in ("point", "cont")
        out.append("\n\n".join(blocks))
    # Usually a wide gap between documents; without one the converter may well see a single document.
    return "".join(text if k == 0 else (GAP if rng.random() < 0.7 else "\n\n") + text for k, text in enumerate(out))


def collection_title(rng: random.Random, doc: Document, sender: Signer, envoy: Envoy, leader: tuple,
                     topic: tuple[str, str], about: tuple) -> str:
    """The collection editor's title for its entry: who wrote to whom, about what."""
    if doc.kind == "telegram":
        return f"Телеграмма {sender.office_ru} {envoy.to_ru} о {topic[0]}"
    if doc.kind == "report":
        return (f"Телеграмма {envoy.from_ru} {rng.choice(['министру иностранных дел СССР', 'в МИД СССР'])} "
                f"о {topic[0]}")
    if doc.kind == "memo":
        return f"Записка МИД СССР {leader[3]} о {topic[0]}"
    return f"Постановление Политбюро ЦК {about[0][:1].lower()}{about[0][1:]}"


def printed_text(rng: random.Random, doc: Document, d: datetime.date, title: str, footnote: bool) -> str:
    """Seeds 001 and 004: the document as printed in a collection, with pages, number, title and notes."""
    page = rng.randrange(900, 1300)
    number = rng.randrange(300, 1500)
    dateline = ru_plain(d)
    if doc.kind in ("telegram", "report"):  # a telegram's time of dispatch
        dateline += f" {rng.randrange(10, 23)}.{rng.choice(['05', '20', '40'])}"
    if footnote:
        dateline += "\\*"
    elif rng.random() < 0.2:
        dateline += "*"  # seed 004: a footnote mark whose note the transcript lacks
    out = [f"- {page} -", f"№ {rng.randrange(100, 400)}", title,
           f"№ {number}-{number + 2}" if rng.random() < 0.5 else f"№ {number}, {number + 1}", dateline]
    breaks = 0
    for b in doc.blocks:
        if b.ru is None or not b.printed or b.role in ("date", "sig", "list"):
            continue
        if breaks < 3 and len(b.ru) > 120 and b.role != "table" and rng.random() < 0.35:
            page, breaks = page + 1, breaks + 1
            out.extend(page_break(rng, b.ru, page))
        else:
            out.append(b.ru)
    if rng.random() < 0.5:
        out.append(ru_plain(d))
    out.extend(b.ru for b in doc.blocks if b.role == "sig" and b.ru)
    if rng.random() < 0.6:
        ref = rng.randrange(200, 400)
        out.append(f"Справка: № {ref} (вх. № {rng.randrange(5000, 9000)}) от {ru_roman(rng, d)} "
                   + paragraph(rng, d, 1, 2)[0])
        if rng.random() < 0.5:  # the note's second paragraph, on the telegram it answers
            out.append(f"№ {ref - 100} (исх. № {rng.randrange(5000, 9000)}) от {ru_roman(rng, d)} "
                       + paragraph(rng, d, 1, 1)[0])
    leaf = rng.randrange(10, 200)
    out.append(rng.choice([
        f"Печ. по: АП РФ. Ф. 3. Оп. 65. Д. {rng.randrange(800, 900)}. Л. {leaf}-{leaf + 2}. Подлинник.",
        f"Печ. по: АВП РФ. Ф. 059а. Оп. 5а. Д. {rng.randrange(1, 20)}. П. {rng.randrange(1, 20)}. "
        f"Л. {leaf}-{leaf + 2}. Подлинник.",
    ]))
    if footnote:
        out += ["---", f"\\* {rng.choice(FOOTNOTES)[0]}"]
    return "\n\n".join(out)


def page_break(rng: random.Random, text: str, page: int) -> list[str]:
    """A page number in a paragraph (seed 001), sometimes splitting a word (seed 004), or after it."""
    words = text.split(" ")
    cuts = [k for k in range(len(words) // 3, len(words) - 2)
            if words[k].isalpha() and words[k][:1].islower() and words[k - 1][-1:].isalpha()]
    if not cuts:
        return [text, f"- {page} -"]
    k = rng.choice(cuts)
    word = words[k]
    # a hyphenation point after a vowel, neither part shorter than two letters (указа- / за)
    splits = [i for i in range(2, len(word) - 1) if word[i - 1] in VOWELS and word[i] not in "йьъ"]
    if splits and rng.random() < 0.5:
        i = rng.choice(splits)
        return [" ".join(words[:k] + [word[:i] + "-"]), f"- {page} -", " ".join([word[i:]] + words[k + 1:])]
    return [" ".join(words[:k]), f"- {page} -", " ".join(words[k:])]


def with_footnote(rng: random.Random, text: str, lang: str) -> str:
    """A footnote mark ``\\*`` at the end of a paragraph, its note after a ``---`` rule at the end of the version."""
    ends = [m.end() for m in re.finditer(r"[а-яa-z]\.(?=\n\n)", text)]
    if not ends:
        return text
    at = rng.choice(ends)
    note = rng.choice(FOOTNOTES)[0 if lang == "ru" else 1]
    return f"{text[:at]}\\*{text[at:]}\n\n---\n\n\\* {note}"


# ---------------------------------------------------------------------------
# The header.


def header(rng: random.Random, style: str, d: datetime.date, title: str, number: int, summary: str,
           contents: list[str]) -> str:
    """Seeds 000 and 003 (bold labels), 001 (the archive's banner first), 004 (plain labels)."""
    holdings = rng.choice([
        "CWIHP archive",
        "APRF, Fond 3, Opis 65, Delo {delo}, Listy {a}-{b}",
        "AVPRF, Fond 059a, Opis 5a, Delo {papka}, Papka {papka}, Listy {a}-{b}",
        "APRF, Fond 3, Opis 65, Delo {delo}, Listy {a}-{b} and AVPRF, Fond 059a, Opis 5a, Delo {papka}, "
        "Papka {papka}, Listy {b}-{c}",
        "Volkogonov Collections, Library of Congress; Archive of the President of the Russian Federation (APRF)",
    ])
    leaf = rng.randrange(10, 200)
    holdings = holdings.format(delo=rng.randrange(800, 900), papka=rng.randrange(1, 20), a=leaf, b=leaf + 1, c=leaf + 2)
    if rng.random() < 0.3:
        holdings += f". Translated for CWIHP by {rng.choice(TRANSLATORS)}"
    url = f"{rng.choice(ARCHIVE_HOSTS)}/document/{number}"
    citation = f'"{title}", {en_long(d)}, Wilson Center Digital Archive, {holdings}'
    words = title.split(" ")
    cut = rng.randint(len(words) // 2, len(words) - 1)
    first, rest = " ".join(words[:cut]), " ".join(words[cut:])
    label = (lambda name: f"{name}:") if style == "plain" else (lambda name: f"**{name}:**")
    out = []
    if style == "banner":
        out.append("**Wilson  \nCenter**\n\n**Digital Archive**  \nInternational History Declassified\n\n"
                   "[digitalarchive.wilsoncenter.org](https://digitalarchive.wilsoncenter.org)")
    titled = rng.choice([f"**{title}**", f"**{first}  \n{rest}**", f"**{first}**  \n**{rest}**"])
    if style == "plain":
        out.append(f"{en_long(d)}\n" + rng.choice([f"**{first}\n{rest}**", f"**{title}**", title]))
    elif style == "bold":
        out.append(f"**{en_long(d)}**{rng.choice(['', '  '])}\n{titled}")
    else:
        out += [f"**{en_long(d)}**", titled]
    out.append(label("Citation"))
    out.append(rng.choice([f"{citation}.  \n<{url}>", f"{citation}. <{url}>", f"{citation} <{url}>"]))
    out += [label("Summary"), summary]
    if rng.random() < 0.8:
        out += [label("Credits"), f"This document was made possible with support from {rng.choice(FUNDERS)}"]
    out += [label("Original Language"), "Russian", label("Contents")]
    out.append(("\n" if style == "plain" else "\n\n").join(contents))
    return "\n" * rng.randint(0, 4) + "\n\n".join(out)


def title_and_summary(rng: random.Random, kinds: list[str], d: datetime.date, sender: Signer, signer: Signer,
                      envoy: Envoy, leader: tuple, topic: tuple[str, str]) -> tuple[str, str]:
    """The archive's title and summary, saying what the file holds."""
    about = topic[1]
    if kinds[0] == "decision":
        party = "CPSU" if d >= PARTY_RENAMED else "Soviet"
        if kinds[-1] == "tass":
            return (f"{party} Politburo Decision Approving a TASS Refutation",
                    f"Decision to approve the draft TASS publication on {about}.")
        author, to = (sender.surname_en, envoy.named_en) if kinds[-1] == "telegram" else (signer.surname_en, leader[2])
        return (f"{party} Politburo Decision with {rng.choice(['an ', ''])}Approved Message from {author} to {to}",
                f"Decision to approve the message from {author} to {to} on {about}.")
    if kinds[0] == "telegram":
        return (f"Telegram from {sender.styled_en} to {envoy.addressee_en} in {envoy.city_en}",
                f"{sender.surname_en} writes to the {envoy.addressee_en} in {envoy.city_en} discussing {about}.")
    if kinds[0] == "report":
        verb = "report" if " and " in envoy.named_en else "reports"
        return (f"Telegram from {envoy.named_en} in {envoy.city_en}",
                f"{envoy.named_en} {verb} back to Moscow on {about}.")
    return (f"Memorandum from {signer.styled_en} to {leader[2]}",
            f"{signer.surname_en} advises {leader[2]} on {about}" + (", with a draft TASS statement." if
                                                                      kinds[-1] == "tass" else "."))


# ---------------------------------------------------------------------------
# One transcript, and its shape.


@dataclass
class Shape:
    """What one generated transcript has, for the distribution report."""

    header: str  # bold, banner, plain, none
    text: str  # ru, en, ru+en
    original: str  # archival, printed, archival+printed; "-" with no Russian text
    documents: int  # documents in the file
    features: list[str]


# Features, as found in the text (so the report says what the files hold, not what was meant).
# Each pattern starts with a literal, which the regex engine scans for quickly: "\n" for a line start.
FEATURES = {
    "points": r"\n2\. ",
    "points-on-lines": r"\n1\. [^\n]*\n2\. ",
    "stamps": r"\n[№N] ?\d+, I",
    "classification": r"СЕКРЕТНО|ВНЕ ОЧЕРЕДИ|Secret",
    "letterhead": r"ЦЕНТРАЛЬНЫЙ КОМИТЕТ|CENTRAL COMMITTEE",
    "heading": r"\n#{2,3} ",
    "address": r"\n(?:Товарищу|To Comrade|To: |Т\. т\.|Куда)",
    "distribution": r"\n(?:Разослано|Копии|Copies):",
    "table": r"\n(?:- )?\|",
    "postscript": r"\nShown to cde\.",
    "page-in-paragraph": r"\n- \d+ -\n\n[а-я]",
    "page-in-word": r"-\n\n- \d+ -\n",
    "footnote": r"\n---\n",
    "footnote-no-text": r"\*(?<=[\d.]\*)\n",  # an unescaped mark after a time or a date
    "editorial-note": r"\nСправка:",
    "brackets": r" \[[^\]\n]+\](?!\()",
    "translator": r"Translated for CWIHP",
}
FEATURE_PATTERNS = {name: re.compile(pattern) for name, pattern in FEATURES.items()}


def transcript(seed: int, k: int) -> tuple[str, Shape]:
    """Document K of the corpus made with this seed: its text and its shape."""
    rng = random.Random(f"make_corpus:{seed}:{k}")  # a str seed is hashed with SHA-512: the same everywhere
    d = TALKS_START + datetime.timedelta(days=rng.randrange(TALKS_DAYS))
    langs = rng.choices(["ru", "en", "ru+en"], [25, 30, 45])[0]
    original = rng.choices(["archival", "printed", "archival+printed"], [60, 20, 20])[0] if "ru" in langs else "-"
    style = rng.choices(["bold", "banner", "plain", "none"], [35, 20, 30, 15])[0]

    kinds = rng.choices([["telegram"], ["report"], ["memo"], ["decision", "telegram"], ["decision", "tass"],
                         ["memo", "tass"], ["decision", "tass", "memo"]], [22, 22, 20, 14, 8, 7, 7])[0]
    # Who wrote to whom, about what: shared by the documents, the header and the collection's title.
    minister = MOLOTOV if d >= STALIN_DIED else VYSHINSKY
    sender = rng.choice([minister, GROMYKO])  # telegrams from Moscow
    signer = rng.choice([minister, *DEPUTIES])  # memoranda
    envoy = rng.choice(ENVOYS)
    leader = rng.choice(LEADERS if d < STALIN_DIED else LEADERS[1:])
    topic = rng.choice(TOPICS)
    about = TASS_DECISION if "tass" in kinds else (
        f"О {topic[0]}", f"On {topic[1]}", f"указаний {envoy.to_ru}",
        f"instructions to the {envoy.addressee_en} in {envoy.city_en}")
    docs = []
    for kind in kinds:
        if kind == "telegram":
            docs.append(telegram(rng, d, sender, envoy, approved=kinds[0] == "decision"))
        elif kind == "report":
            docs.append(report(rng, d, envoy))
        elif kind == "memo":
            docs.append(memo(rng, d, signer, leader))
        elif kind == "decision":
            docs.append(decision(rng, d, about))
        else:
            docs.append(tass(rng, d))
    principal = docs[-1] if docs[-1].kind != "tass" else docs[0]  # what a collection prints
    if original == "printed":
        docs = [principal]

    # The versions in the seeds' order: archival, printed, translation; at most one has a footnote.
    footnote_in = rng.choice(["archival", "printed", "en", None, None, None])
    versions = []
    if "archival" in original:
        text = archival_text(rng, docs)
        versions.append(with_footnote(rng, text, "ru") if footnote_in == "archival" else text)
    if "printed" in original:
        title = collection_title(rng, principal, sender, envoy, leader, topic, about)
        versions.append(printed_text(rng, principal, d, title, footnote_in == "printed"))
    if "en" in langs:
        text = english_text(rng, docs)
        versions.append(with_footnote(rng, text, "en") if footnote_in == "en" else text)
    text = "\n\n".join(versions) + "\n"

    if style != "none":
        title, summary = title_and_summary(rng, [doc.kind for doc in docs], d, sender, signer, envoy, leader, topic)
        contents = (["Original Scan"] if "ru" in langs or rng.random() < 0.5 else []) + (
            ["Translation - English"] if "en" in langs else [])
        text = header(rng, style, d, title, FIRST_NUMBER + k, summary, contents) + "\n\n" + text
    lines = "\n" + text
    features = [name for name, pattern in FEATURE_PATTERNS.items() if pattern.search(lines)]
    return text, Shape(style, langs, original, len(docs), features)


# ---------------------------------------------------------------------------
# The corpus.


def edition_toml(count: int, seed: int) -> str:
    """The bundled edition's facts, under a title (and introduction) saying the corpus is generated."""
    text = EDITION.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^title = ".*"$', f'title = "Generated corpus ({count} documents, seed {seed})"', text)
    return re.sub(r'(?ms)^introduction = """.*?"""',
                  'introduction = """\nTranscripts generated by benchmarks/make_corpus.py for tests and benchmarks: '
                  'they take the shapes of the archive\'s exports, but are no real documents."""', text)


def source_name(seed: int, k: int) -> str:
    tag = random.Random(f"make_corpus-name:{seed}:{k}").getrandbits(32)
    return f"{k:05d}_{tag:08x}.txt"


def make_corpus(out: Path, count: int, seed: int = 0, shapes: list[Shape] | None = None) -> list[Path]:
    """Write OUT/edition.toml and OUT/sources/*.txt; return the sources (and append their shapes to `shapes`)."""
    out = Path(out)
    sources = out / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (out / "edition.toml").write_text(edition_toml(count, seed), encoding="utf-8")
    files = []
    for k in range(count):
        text, shape = transcript(seed, k)
        path = sources / source_name(seed, k)
        path.write_text(text, encoding="utf-8")
        files.append(path)
        if shapes is not None:
            shapes.append(shape)
    return files


def distribution_report(shapes: list[Shape]) -> str:
    """How many transcripts took each shape: one line per aspect, then the features."""
    n = max(len(shapes), 1)

    def line(name: str, counts: Counter) -> str:
        return f"{name:>10}: " + ", ".join(f"{key} {c} ({100 * c / n:.0f}%)" for key, c in sorted(counts.items()))

    lines = [line(aspect, Counter(str(getattr(s, aspect)) for s in shapes))
             for aspect in ("header", "text", "original", "documents")]
    lines.append(line("features", Counter(f for s in shapes for f in s.features)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="how many transcripts")
    parser.add_argument("--out", type=Path, required=True, help="the edition folder to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    shapes: list[Shape] = []
    make_corpus(args.out, args.count, args.seed, shapes)
    print(f"{args.count} transcripts in {args.out / 'sources'} ({time.perf_counter() - start:.1f} s)")
    print(distribution_report(shapes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
