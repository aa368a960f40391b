"""Cleaning on real saved pages: segmentation, titles, clutter, outlets (expectations as data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.clean import clean, dateline, find_boilerplate, nlp_text, outlet_from_text, segment
from newsprism.ingest import ingest

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "examples" / "seeds"
EXPECT = {k: v for k, v in json.loads((DATA / "expectations.json").read_text()).items() if not k.startswith("_")}


@pytest.fixture(scope="module")
def cleaned():
    docs = {Path(d.path).name: d for d in ingest([str(SEEDS)]).documents}
    return {name: (docs[name], clean(docs[name])) for name in EXPECT}


def _clean_text(doc, arts) -> str:
    # what extraction reads: every article's masked text
    return "\n".join(c.nlp_text for c in arts)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_clean_seed_articles_and_titles(cleaned, name):
    _, arts = cleaned[name]
    assert len(arts) == EXPECT[name]["n_articles"]
    assert [c.article.title for c in arts] == EXPECT[name]["titles"]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_clean_seed_with_and_without(cleaned, name):
    doc, arts = cleaned[name]
    text = _clean_text(doc, arts)
    for s in EXPECT[name]["with"]:
        assert s in text, s
    for s in EXPECT[name]["without"]:
        assert s not in text, s
        assert s in doc.text  # it is still in the stored text, only masked


def test_clean_seed_repeated_paragraph_marked(cleaned):
    _, arts = cleaned["003_b850a5c8953961c5.txt"]
    dups = [b for c in arts for b in c.article.boilerplate if b.kind == "duplicate_paragraph"]
    assert len(dups) == EXPECT["003_b850a5c8953961c5.txt"]["duplicate_paragraphs"]
    assert dups[0].text.startswith("Meanwhile, Turkey")
    # the first copy stays readable
    assert "Meanwhile, Turkey, a close ally of Baku" in arts[0].nlp_text


def test_clean_seed_outlets_from_text(cleaned):
    _, arts = cleaned["004_99a5af7872f1586f.txt"]
    for seq, outlet in EXPECT["004_99a5af7872f1586f.txt"]["outlets"].items():
        assert arts[int(seq)].article.outlet == outlet
        assert arts[int(seq)].article.outlet_basis == "text"


def test_clean_boilerplate_spans_point_into_document(cleaned):
    for doc, arts in cleaned.values():
        for c in arts:
            for b in c.article.boilerplate:
                assert doc.text[b.start:b.end] == b.text
            assert len(c.nlp_text) == c.article.end - c.article.start


@pytest.mark.parametrize("text,n", [
    ("One headline\nBody text of the first story runs here and says what happened.", 1),
    ("Menu\nNews\n\nFirst title\nFirst body sentence one says the river port reopened after the storm passed. "
     "It continues with more words about the ferries, the dock workers and the cargo that waited for a week "
     "on the quay while the harbour master inspected the damaged cranes.\n\n"
     "Menu\nNews\n\nSecond title\nSecond body sentence differs entirely: the council voted on the new school budget. "
     "The mayor said the vote came after months of talks with teachers, parents and the regional office, "
     "and that the money for the two new buildings would be paid out before the end of the year.", 2),
    # the second stretch has no body of its own (a headline and a one-line summary): a teaser
    ("Menu\nNews\n\nFirst title\nFirst body sentence one says the river port reopened after the storm passed. "
     "It continues with more words about the ferries, the dock workers and the cargo that waited for a week "
     "on the quay while the harbour master inspected the damaged cranes.\n\n"
     "Menu\nNews\n\nSecond title\nA one-line summary of another story.", 1),
    # a headline printed twice over the same text is not a separator
    ("Same headline\nSame lede text.\nSame headline\nSame lede text.\nBody.", 1),
])
def test_clean_segment_by_repeated_separators(text, n):
    assert len(segment(text)) == n


def test_clean_separator_with_comma_is_not_a_separator():
    text = ("Mr. Chairman,\nWe thank the briefer for the statement made today.\n\nMr. Chairman,\n"
            "We call on all parties to respect the ceasefire in full.")
    assert len(segment(text)) == 1


@pytest.mark.parametrize("line,kind", [
    ("Please enter your comment!", "comment_form"),
    ("Leave a Reply", "comment_form"),
    ("Subscribe to our newsletter", "subscribe"),
    ("Follow us on Telegram @somewire", "social"),
    ("Read more", "link"),
    ("-3.5 °C", "weather"),
    ("kyiv_strike_2024_03.JPG", "image_name"),
    ("0f8e6c1a-1b2c-4d5e-8f90-a1b2c3d4e5f6_1024", "image_name"),
    ("sudan-army-rsf-khartoum-fighting-", "image_name"),
    ("Reporting by Jane Doe; Editing by John Roe", "credits"),
    ("Residents inspect a destroyed market in El Fasher.  Photo: AFP", "photo_caption"),
    ("Smoke rises over the city after an air strike. © Anadolu/Some Photographer", "photo_caption"),
    ("Displaced families wait for aid near Goma, Democratic Republic of Congo, February 3, 2024.", "photo_caption"),
])
def test_clean_boilerplate_kinds(line, kind):
    text = f"A headline for the test\n{line}\nThe army said on Monday that fighting continued in the north of the country."
    found = find_boilerplate("d", text, 0, len(text))
    assert [b.kind for b in found] == [kind]
    assert found[0].text == line.strip()


def test_clean_teaser_block_runs_to_end():
    text = ("A headline over the story\nThe army said fighting continued.\nmore like this\nA football club won the cup\n"
            "An award was given to a chemist")
    found = find_boilerplate("d", text, 0, len(text))
    assert [b.kind for b in found] == ["teaser", "teaser", "teaser"]


def test_clean_nlp_text_joins_hard_wraps_only():
    text = ("Title\n\nOn Monday a convoy of the army\nhit a mine near the border, the ministry\nsaid in a statement.\n\n"
            "Second paragraph.\nThird line starts a sentence.")
    masked = nlp_text(text, 0, len(text), [])
    assert len(masked) == len(text)
    assert "army hit a mine" in masked and "ministry said" in masked
    assert "paragraph.\nThird" in masked


@pytest.mark.parametrize("body,outlet", [
    ("Text of the story.\nSource: Dnevnik", "Dnevnik"),
    ("Some 40 people were detained, Trend informs via APA.", "Trend (via APA)"),
    ("KHARTOUM, June 2 (Reuters) - The army said ...", "Reuters"),
    ("(This story has not been edited by Site staff and is published from a syndicated news agency feed – PTI)", "PTI"),
    ("No outlet named anywhere in this text.", None),
])
def test_clean_outlet_from_text(body, outlet):
    assert outlet_from_text(body, None)[0] == outlet


@pytest.mark.parametrize("text,date", [
    ("Headline\nSeptember 19, 2023\nBody.", "2023-09-19"),
    ("Headline\nPublished: 2024-02-03 10:15\nBody.", "2024-02-03"),
    ("Headline\n03.02.2024 14:00\nBody.", "2024-02-03"),
    # a date inside a sentence is an event's, not the page's
    ("Headline\nOn September 24, at 17:35, a vehicle hit a mine.", None),
])
def test_clean_dateline_only_from_a_line_of_its_own(text, date):
    assert dateline(text, 0, len(text)) == date


@pytest.mark.parametrize("text,lang", [
    ("The army said on Monday that it had taken control of the town after two days of fighting.", "en"),
    ("L'armée a déclaré lundi avoir pris le contrôle de la ville après deux jours de combats acharnés.", "fr"),
    ("Армия заявила в понедельник, что взяла под контроль город после двух дней ожесточённых боёв.", "ru"),
    ("Ordu pazartesi günü iki günlük çatışmanın ardından kasabanın kontrolünü ele geçirdiğini açıkladı.", "tr"),
    ("Too short", None),
])
def test_clean_detect_language(text, lang):
    from newsprism.clean import detect_language

    assert detect_language(text) == lang


# Pages printed in pieces: repeated short lines cut them up, but only a stretch that opens with a
# headline and holds sentences of its own is a new article (invented pages, not from any dev set).
_PIECES = """World / Asia

Flooded mine traps 14 workers in northern province

Harbour Wire
  09:10 UTC+7, 2031-05-02       0
Rescuers are pumping water from a flooded tin mine where 14 workers have been trapped since Thursday.
Harbour Wire
  09:10 UTC+7, 2031-05-02       0

Rescuers are pumping water from a flooded tin mine where 14 workers have been trapped since Thursday, the provincial governor said.

The governor said divers reached the second gallery overnight and heard knocking from behind a wall of mud.

Relatives waited at the mine gate through the night as heavy rain slowed the pumps.
"""

_WIDGET = """Home
Harbour
21
o
Uplands
18
o
Coast
24
o
Ferry service resumes between the islands after a week of storms
Local News
Share
Share
The island ferry resumed on Monday after storms kept the boats in port for a week, the operator said.
Hundreds of passengers who had waited in the harbour town boarded the first crossing at dawn, and extra sailings were added.
Local News
Ferries
"""

_CREDIT_TWICE = """Valley town: At least 9 people were hurt when a grain silo collapsed on Friday, the fire service said.
—Valley Press
The fire service said the silo gave way during unloading and that two workers were still in hospital.
Valley town: At least 9 people were hurt when a grain silo collapsed on Friday, the fire service said.
—Valley Press"""


@pytest.mark.parametrize("text,title", [
    (_PIECES, "Flooded mine traps 14 workers in northern province"),
    (_WIDGET, "Ferry service resumes between the islands after a week of storms"),
    (_CREDIT_TWICE, None),
])
def test_clean_page_in_pieces_is_one_article(text, title):
    from newsprism.records import RawDocument

    doc = RawDocument("d", "p.txt", "x", text, None, None, None, None, None, None, "en", None, "utf-8")
    arts = clean(doc)
    assert len(arts) == 1
    assert arts[0].article.title == title
    # the repeated byline and widget lines are clutter of the article, not text to read
    kinds = {b.text: b.kind for b in arts[0].article.boilerplate}
    if text is _PIECES:
        assert kinds.get("Harbour Wire") == "repeated_line"
        assert "relatives waited" in arts[0].nlp_text.lower()
    if text is _WIDGET:
        assert "o" in kinds and "Share" in kinds and "Ferries" in kinds
        assert "21" not in arts[0].nlp_text and "boarded the first crossing" in arts[0].nlp_text


@pytest.mark.parametrize("url,date", [
    ("https://news.example.org/2031/05/02/mine-flood-traps-workers/", "2031-05-02"),
    ("https://wire.example.com/20310502/mine-flood-1234.html", "2031-05-02"),
    ("https://example.net/news/2031-05-02/mine-flood/99", "2031-05-02"),
    ("https://example.net/news/article-17d699305.html", None),
    ("https://example.net/world/2403232127/", None),  # an id, not a date
])
def test_clean_date_from_url(url, date):
    from newsprism.clean import date_from_url

    assert date_from_url(url) == date


@pytest.mark.parametrize("text,url,expected", [
    ("Headline over a wire story\nHARBOUR CITY [Valeria], May 2 (Wire) - Rescuers pumped water on "
     "Friday. The governor spoke on 1 May 2031.", None, ("2031-05-02", "text")),
    ("Headline over the story\nUpdated: 3 May 2031 10:15\nRescuers pumped water.", None, ("2031-05-03", "text")),
    ("Headline\nRescuers pumped water from the mine flooded on April 28, 2031. The governor said on "
     "2 May 2031 that the pumps were working.", None, ("2031-05-02", "text_latest")),
    # the URL outranks a later date in the text (a copier's stamp, a footer)
    ("Headline\nThe pumps were working on 9 June 2031.", "https://x.example/2031/05/02/a", ("2031-05-02", "url")),
    # a yearless wire dateline with no year anywhere: no date, never the clock's year
    ("Headline\nHARBOUR CITY, May 2 (Wire) - Rescuers pumped water on Friday.", None, (None, None)),
])
def test_clean_published_from_page(text, url, expected):
    from newsprism.clean import published_from_page

    boiler = find_boilerplate("d", text, 0, len(text))
    assert published_from_page(text, 0, len(text), boiler, url) == expected


def test_clean_dev2_pages_are_one_article_each_and_traps_are_off_topic(shared_dir):
    """dev2 (read from ../shared, never copied): 21 saved pages of one article each, with their
    clutter; the three off-topic traps (a flood, an earthquake, a final) are set aside by topic."""
    from newsprism.cluster import ClusterConfig, off_topic_reason

    folder = shared_dir / "eval" / "dev2" / "articles"
    docs = ingest([str(folder)], str(folder / "manifest.csv")).documents
    assert len(docs) == 21
    for doc in docs:
        arts = clean(doc)
        assert len(arts) == 1, doc.path
        reason = off_topic_reason(arts[0].nlp_text, arts[0].article.language, ClusterConfig())
        assert (reason is not None) == Path(doc.path).name.startswith("o"), (doc.path, reason)
