"""The plain-text cleaner on the two real scraped samples (against their gold) and on invented
scraped articles, one per rule. Invented companies and people throughout."""

# ruff: noqa: E501  (scraped articles hold one paragraph per line: long lines are the input format)

from __future__ import annotations

import json
import pickle
from pathlib import Path
from textwrap import dedent

import pytest

from support import make_doc
from veille.clean.text import TextCleaner, clean_text
from veille.doc import Doc
from veille.errors import Warn
from veille.pipeline import Pipeline


def fold(text: str) -> str:
    return " ".join(text.split())


def clean(text: str) -> Doc:
    return TextCleaner().process(make_doc(dedent(text).lstrip("\n")))


def paragraphs(doc: Doc) -> list[str]:
    return doc.text.split("\n\n")


# --- the real samples, checked against ../shared/eval/dev/gold.json -----------------------------


def _gold(shared: Path) -> dict[str, dict[str, object]]:
    entries = json.loads((shared / "eval" / "dev" / "gold.json").read_text(encoding="utf-8"))
    return {entry["doc"]: entry for entry in entries}


SAMPLES = ["000_1e92476c49fea36f.txt", "004_b81cf9fcb85c279f.txt"]


@pytest.mark.parametrize("name", SAMPLES)
def test_real_sample_matches_gold(shared: Path, name: str) -> None:
    path = shared / "samples" / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    gold = _gold(shared)[name]
    doc = TextCleaner().process(make_doc(path.read_text(encoding="utf-8")))
    text = fold(doc.text)
    assert doc.title == gold["title"]
    for sentence in gold["body_must_contain"]:  # type: ignore[attr-defined]
        assert fold(sentence) in text
    for junk in gold["body_must_not_contain"]:  # type: ignore[attr-defined]
        assert fold(junk) not in text
    assert not doc.text.startswith(doc.title or "\0")
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    assert doc.warnings == []


def test_sample_004_category_and_teasers(shared: Path) -> None:
    path = shared / "samples" / SAMPLES[1]
    if not path.exists():
        pytest.skip(f"{path} not found")
    doc = TextCleaner().process(make_doc(path.read_text(encoding="utf-8")))
    assert doc.category == "Régulations"
    assert "Categories" not in doc.text
    assert len(paragraphs(doc)) == 2  # the two body paragraphs, nothing from "Recent Posts"


def test_sample_000_pull_quote_and_debris(shared: Path) -> None:
    path = shared / "samples" / SAMPLES[0]
    if not path.exists():
        pytest.skip(f"{path} not found")
    doc = TextCleaner().process(make_doc(path.read_text(encoding="utf-8")))
    assert "guillaume boutin ceo de proximus" not in doc.text
    assert not doc.text.endswith("\nn") and doc.text.endswith('data room."')
    assert len(paragraphs(doc)) == 4


# --- invented articles, one per rule ------------------------------------------------------------

INLINE_READ_ALSO = """
Nordival rachète l'opérateur de fibre Brisant

Le groupe Nordival a annoncé lundi le rachat de Brisant, un opérateur de fibre optique implanté dans l'Ouest, pour un montant de 240 millions d'euros. L'opération doit encore recevoir l'aval de l'Autorité de la concurrence.

Lire aussi : Fibre optique : les opérateurs alternatifs accélèrent dans les zones rurales

Brisant revendique 85 000 abonnés et 1 200 kilomètres de réseau. Son fondateur, Paul Kerhervé, restera à la tête de l'entreprise pendant une période de transition de deux ans, a précisé Nordival dans un communiqué.

À lire aussi >> Les dix chiffres clés du marché des télécoms en 2023

Le titre Nordival gagnait 2,4 % à la Bourse de Paris en fin de matinée.
"""


def test_inline_read_also_drops_only_the_link_line() -> None:
    doc = clean(INLINE_READ_ALSO)
    assert doc.title == "Nordival rachète l'opérateur de fibre Brisant"
    assert "opérateurs alternatifs" not in doc.text and "dix chiffres clés" not in doc.text
    assert "Lire aussi" not in doc.text
    assert paragraphs(doc) == [
        "Le groupe Nordival a annoncé lundi le rachat de Brisant, un opérateur de fibre optique implanté "
        "dans l'Ouest, pour un montant de 240 millions d'euros. L'opération doit encore recevoir l'aval de "
        "l'Autorité de la concurrence.",
        "Brisant revendique 85 000 abonnés et 1 200 kilomètres de réseau. Son fondateur, Paul Kerhervé, "
        "restera à la tête de l'entreprise pendant une période de transition de deux ans, a précisé "
        "Nordival dans un communiqué.",
        "Le titre Nordival gagnait 2,4 % à la Bourse de Paris en fin de matinée.",
    ]


READ_ALSO_HEADING_MID_BODY = """
Télévision : Canalia signe avec la plateforme Vizio+

La chaîne Canalia et la plateforme de streaming Vizio+ ont signé un accord de distribution de trois ans. Les abonnés de Vizio+ auront accès à l'ensemble des programmes de Canalia dès le mois de septembre.

Lire aussi

Streaming : la bataille des abonnements fait rage en Europe

Selon les termes de l'accord, Vizio+ reversera une part de ses recettes publicitaires à Canalia, qui pourra aussi proposer ses propres offres commerciales aux abonnés de la plateforme. Le montant du contrat n'a pas été divulgué.
"""


def test_read_also_heading_mid_body_keeps_the_rest_of_the_article() -> None:
    doc = clean(READ_ALSO_HEADING_MID_BODY)
    assert "bataille des abonnements" not in doc.text
    assert "Lire aussi" not in doc.text
    assert len(paragraphs(doc)) == 2
    assert "Le montant du contrat n'a pas été divulgué." in doc.text


READ_ALSO_THEN_SHORT_PARAGRAPHS = """
Kelvis et Maratel créent une coentreprise dans le cloud

Les deux groupes ont annoncé mardi la création d'une coentreprise détenue à parts égales.

À lire aussi

Cloud souverain : l'État lance un nouvel appel d'offres

La nouvelle société emploiera 300 personnes dès son lancement.
Son siège sera installé à Lyon, près du campus de Maratel.
"""


def test_short_prose_after_a_mid_body_read_also_heading_is_kept() -> None:
    doc = clean(READ_ALSO_THEN_SHORT_PARAGRAPHS)
    assert "appel d'offres" not in doc.text
    assert paragraphs(doc)[-2:] == [
        "La nouvelle société emploiera 300 personnes dès son lancement.",
        "Son siège sera installé à Lyon, près du campus de Maratel.",
    ]


TEASERS_WITH_FULL_DECKS = """
Brenlow names new chief financial officer

Brenlow said on Friday that Amal Osei, a former finance director at a regional bank, would become its chief financial officer in June.

Most popular

Why the chip shortage is far from over

Analysts say supply will not catch up with demand before the end of next year.

2 days ago

Nexa Foods cuts prices on its frozen range

The retailer says the cuts will cost it about £40 million over twelve months.

3 days ago
"""


def test_teaser_decks_that_are_full_sentences_are_still_dropped() -> None:
    doc = clean(TEASERS_WITH_FULL_DECKS)
    assert paragraphs(doc) == [
        "Brenlow said on Friday that Amal Osei, a former finance director at a regional bank, would become "
        "its chief financial officer in June."
    ]


PAYWALL_AND_ILLUSTRATION = """
Les ventes de smartphones reculent en Europe

Photo d'illustration : AdobeStock

Les ventes de smartphones ont reculé de 8 % en Europe au troisième trimestre, selon le cabinet Analysia.

Never miss the latest tech news by signing up to our newsletter today!

Pour lire la suite de cet article, abonnez-vous.

Déjà abonné ? Se connecter
"""


def test_paywall_newsletter_prompts_and_illustration_credit() -> None:
    doc = clean(PAYWALL_AND_ILLUSTRATION)
    assert paragraphs(doc) == [
        "Les ventes de smartphones ont reculé de 8 % en Europe au troisième trimestre, selon le cabinet Analysia."
    ]


RELATED_BLOCK_EN = """
Helvar Systems to cut 400 jobs as cloud sales slow

Helvar Systems said on Tuesday it would cut 400 jobs, about 6% of its workforce, after sales of its cloud storage software grew more slowly than expected in the first quarter.

The company now expects revenue of $1.2 billion for the year, down from a previous forecast of $1.35 billion, chief executive Dana Whitlock told analysts on a call.

Short answer: no.

Related articles

Quantel and Brightway agree $3bn merger

The combined group will have more than 12,000 employees across…

3 hours ago

Regulators open probe into Norvik cloud pricing

The European Commission said it had sent questionnaires to…

Yesterday

Read more
"""


def test_related_articles_block_at_the_end_is_dropped() -> None:
    doc = clean(RELATED_BLOCK_EN)
    assert doc.title == "Helvar Systems to cut 400 jobs as cloud sales slow"
    for junk in ("Related articles", "Quantel", "Norvik", "3 hours ago", "Yesterday", "Read more", "…"):
        assert junk not in doc.text
    assert paragraphs(doc)[-1] == "Short answer: no."  # a short body paragraph is kept
    assert len(paragraphs(doc)) == 3


COOKIE_BANNER_FR = """
Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site et mesurer l'audience.
Tout accepter
Paramétrer les cookies
Continuer sans accepter
Accueil
Menu
Rechercher
Rubrique : Télécoms

Opalis lance son offre 5G pour les entreprises

Opalis commercialise à partir de ce mercredi une offre 5G dédiée aux entreprises, avec un débit garanti et un réseau privé virtuel, a annoncé l'opérateur.

L'offre sera facturée à partir de 49 euros par mois et par ligne.
"""


def test_cookie_banner_and_navigation_at_the_top() -> None:
    doc = clean(COOKIE_BANNER_FR)
    assert doc.title == "Opalis lance son offre 5G pour les entreprises"
    assert doc.category == "Télécoms"
    assert "cookies" not in doc.text and "Accueil" not in doc.text and "Rubrique" not in doc.text
    assert paragraphs(doc)[0].startswith("Opalis commercialise")
    assert paragraphs(doc)[-1] == "L'offre sera facturée à partir de 49 euros par mois et par ligne."


COOKIE_BANNER_EN = """
Categories: Cloud

Pentacle raises $80 million to expand in Europe

We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.
Accept all cookies
Manage preferences

Pentacle, a Dublin-based maker of data-centre cooling systems, has raised $80 million in a round led by Harbour Lane Capital, the company said on Thursday.

The money will fund two new plants in Poland and Portugal.

Share on Facebook
Share on LinkedIn
Subscribe
"""


def test_english_consent_category_and_share_prompts() -> None:
    doc = clean(COOKIE_BANNER_EN)
    assert doc.category == "Cloud"
    assert doc.title == "Pentacle raises $80 million to expand in Europe"
    for junk in ("cookies", "Accept all", "Manage preferences", "Share on", "Subscribe", "Categories"):
        assert junk not in doc.text
    assert len(paragraphs(doc)) == 2


PHOTO_CREDITS = """
Volterra ouvre une usine de batteries dans le Nord

© AFP

Le constructeur Volterra a inauguré jeudi à Douvrin une usine de batteries qui emploiera 1 500 personnes d'ici à 2026.

Crédit photo : Jean Martin / Volterra

Le site, qui a coûté 2 milliards d'euros, produira les cellules des futurs modèles électriques du groupe.

Photo: Lena Weiss/Reuters

La ministre de l'Industrie inaugure l'usine de Douvrin, le 14 mars 2024. REUTERS/Pascal Rossignol

(Photo by Tom Baker/Getty Images)

Crédit Agricole et Banque Pelletier figurent parmi les prêteurs du projet.
"""


def test_photo_credits_and_captions_are_dropped_but_not_credit_agricole() -> None:
    doc = clean(PHOTO_CREDITS)
    for junk in ("© AFP", "Crédit photo", "Reuters", "REUTERS", "Getty", "Photo"):
        assert junk not in doc.text
    assert paragraphs(doc) == [
        "Le constructeur Volterra a inauguré jeudi à Douvrin une usine de batteries qui emploiera 1 500 "
        "personnes d'ici à 2026.",
        "Le site, qui a coûté 2 milliards d'euros, produira les cellules des futurs modèles électriques du groupe.",
        "Crédit Agricole et Banque Pelletier figurent parmi les prêteurs du projet.",
    ]


SHARE_AND_DATES_FR = """
Partager
Partager sur Facebook
Publié le 12 mars 2024 à 10h32
Par Claire Dumont

Médiavox cède sa régie publicitaire à Adnexa

il y a 3 heures

Le groupe de médias Médiavox a trouvé un accord pour céder sa régie publicitaire à Adnexa, spécialiste de la publicité programmatique, pour 60 millions d'euros.

Abonnez-vous à notre newsletter pour recevoir chaque matin l'essentiel de l'actualité des médias.

S'inscrire à la newsletter

Hier

La cession devrait être finalisée avant l'été.
"""


def test_share_prompts_dates_and_byline() -> None:
    doc = clean(SHARE_AND_DATES_FR)
    assert doc.title == "Médiavox cède sa régie publicitaire à Adnexa"
    for junk in (
        "Partager",
        "Publié le",
        "Claire Dumont",
        "il y a 3 heures",
        "Abonnez-vous",
        "newsletter",
        "Hier",
    ):
        assert junk not in doc.text
    # "publicité" inside a sentence is body text, not an ad label.
    assert "spécialiste de la publicité programmatique" in doc.text
    assert len(paragraphs(doc)) == 2
    assert doc.scratch["clean.text.date_lines"] == ["Publié le 12 mars 2024 à 10h32"]
    assert doc.scratch["clean.text.bylines"] == ["Par Claire Dumont"]


ADVERTISEMENT_EN = """
Orbitel posts first annual profit

Orbitel, the satellite broadband provider, reported its first annual net profit on Wednesday, helped by a 40% jump in subscribers to 2.1 million.

Advertisement

Story continues below advertisement

Net income was $112 million, compared with a loss of $35 million a year earlier.

ADVERTISEMENT
Sponsored

Revenue rose 28% to $1.9 billion. Advertisement revenue from its in-flight portal made up 4% of the total, the company said.

2 hours ago
"""


def test_english_advertisement_lines() -> None:
    doc = clean(ADVERTISEMENT_EN)
    assert "Story continues" not in doc.text and "Sponsored" not in doc.text
    assert "2 hours ago" not in doc.text
    ps = paragraphs(doc)
    assert len(ps) == 3
    assert ps[-1].startswith("Revenue rose 28%")  # "Advertisement revenue" in a sentence is kept
    assert "\nAdvertisement\n" not in f"\n{doc.text}\n" and "ADVERTISEMENT" not in doc.text


AD_LABEL_AND_SPONSOR = """
La publicité en ligne progresse de 9 % en France

Les investissements publicitaires sur internet ont atteint 9,5 milliards d'euros l'an dernier, selon l'observatoire de l'e-pub publié par le Syndicat des régies internet.

Publicité
Publicité

Calyra Pro

Messages sponsorisés

La publicité sur les réseaux sociaux représente désormais près d'un tiers du total.

Publicité

Le search reste stable.
"""


def test_ad_labels_sponsor_line_and_short_paragraph_after_an_ad() -> None:
    doc = clean(AD_LABEL_AND_SPONSOR)
    assert doc.title == "La publicité en ligne progresse de 9 % en France"
    assert "Calyra Pro" not in doc.text and "Messages sponsorisés" not in doc.text
    assert paragraphs(doc) == [
        "Les investissements publicitaires sur internet ont atteint 9,5 milliards d'euros l'an dernier, "
        "selon l'observatoire de l'e-pub publié par le Syndicat des régies internet.",
        "La publicité sur les réseaux sociaux représente désormais près d'un tiers du total.",
        "Le search reste stable.",
    ]


PULL_QUOTE = """
Lumeo veut doubler ses ventes en Asie

Le fabricant de capteurs Lumeo s'est fixé pour objectif de doubler ses ventes en Asie d'ici à 2027. « Nous voulons être le premier fournisseur des constructeurs japonais et coréens, et nous en avons les moyens », a déclaré sa directrice générale, Inès Ferrand.

« Nous voulons être le premier fournisseur des constructeurs japonais et coréens. »
inès ferrand directrice générale de lumeo

Pour y parvenir, Lumeo ouvrira un bureau à Séoul au printemps.

« Le marché asiatique représente la moitié de la demande mondiale de capteurs », rappelle un analyste de la banque Verdier.
"""


def test_pull_quote_and_its_attribution_are_dropped_but_new_quotes_kept() -> None:
    doc = clean(PULL_QUOTE)
    assert "inès ferrand directrice" not in doc.text
    assert doc.text.count("premier fournisseur des constructeurs") == 1
    ps = paragraphs(doc)
    assert ps[-1].startswith("« Le marché asiatique")  # a quote said once is body text
    assert len(ps) == 3


DEBRIS_AND_TITLE_REPEAT = """
Accueil
Actualités
Gravix dévoile son premier processeur pour l'IA

Gravix dévoile son premier processeur pour l'IA

La start-up grenobloise Gravix a présenté mardi son premier processeur dédié à l'intelligence artificielle, gravé en 5 nanomètres.

|
•
n
"""


def test_nav_words_stray_characters_and_repeated_title() -> None:
    doc = clean(DEBRIS_AND_TITLE_REPEAT)
    assert doc.title == "Gravix dévoile son premier processeur pour l'IA"
    assert paragraphs(doc) == [
        "La start-up grenobloise Gravix a présenté mardi son premier processeur dédié à l'intelligence "
        "artificielle, gravé en 5 nanomètres."
    ]


COMMENTS_AT_THE_END = """
Sorelia condamnée à une amende de 5 millions d'euros

La Commission nationale de l'informatique et des libertés a infligé une amende de 5 millions d'euros à Sorelia pour avoir déposé des cookies publicitaires sans le consentement des internautes. L'entreprise dispose de deux mois pour se mettre en conformité, sous peine d'une astreinte de 100 000 euros par jour de retard.

Sorelia a annoncé son intention de faire appel de cette décision devant le Conseil d'État, estimant que la sanction est disproportionnée au regard des faits reprochés.

Laisser un commentaire

Jean-Marc L. : cette décision est tout à fait justifiée, il était temps que le régulateur se saisisse enfin de ces pratiques qui durent depuis des années sans que personne ne réagisse vraiment.
"""


def test_comment_thread_after_end_heading_is_dropped_and_cookie_law_kept() -> None:
    doc = clean(COMMENTS_AT_THE_END)
    assert "Jean-Marc" not in doc.text and "commentaire" not in doc.text
    assert "cookies publicitaires sans le consentement" in doc.text  # body about cookies is kept
    assert len(paragraphs(doc)) == 2


MENU_HEADING_AT_THE_TOP = """
Les plus lus
Trending

Arvalis Bank to buy fintech Kopek for €450 million

Arvalis Bank agreed to buy Kopek, a Lisbon-based payments start-up, for €450 million in cash, the two companies said in a joint statement on Monday.
"""


def test_related_heading_before_any_text_is_only_a_menu_label() -> None:
    doc = clean(MENU_HEADING_AT_THE_TOP)
    assert doc.title == "Arvalis Bank to buy fintech Kopek for €450 million"
    assert paragraphs(doc) == [
        "Arvalis Bank agreed to buy Kopek, a Lisbon-based payments start-up, for €450 million in cash, "
        "the two companies said in a joint statement on Monday."
    ]


HARD_WRAPPED = """
Telvio relève ses prévisions

Le groupe Telvio a relevé mardi ses prévisions de chiffre
d'affaires pour l'année, porté par la demande de ses clients
industriels.

Le titre   a bondi de 6 %.
"""


def test_hard_wrapped_lines_are_joined_and_spaces_folded() -> None:
    doc = clean(HARD_WRAPPED)
    assert paragraphs(doc) == [
        "Le groupe Telvio a relevé mardi ses prévisions de chiffre d'affaires pour l'année, porté par la "
        "demande de ses clients industriels.",
        "Le titre a bondi de 6 %.",
    ]


# --- stage behaviour ----------------------------------------------------------------------------


def test_html_documents_are_left_alone() -> None:
    doc = make_doc("<html><body><p>Publicité</p></body></html>", media_type="html")
    assert TextCleaner().process(doc) is doc
    assert doc.text == "" and doc.title is None


def test_nothing_left_warns_no_text() -> None:
    doc = clean("Publicité\n\nAccept all cookies\n\n© AFP\n\n3 hours ago\n")
    assert doc.text == ""
    assert doc.warnings == [Warn.NO_TEXT]


def test_a_long_first_line_is_body_not_title() -> None:
    first = (
        "Le groupe Nordival a annoncé lundi le rachat de Brisant, un opérateur de fibre optique implanté "
        "dans l'Ouest, pour un montant de 240 millions d'euros, une opération attendue depuis des mois."
    )
    doc = clean(first + "\n\nSecond paragraphe du texte.\n")
    assert doc.title is None
    assert paragraphs(doc) == [first, "Second paragraphe du texte."]


def test_known_title_is_stripped_from_the_body_head() -> None:
    doc = make_doc("Orbitel posts first annual profit\n\nOrbitel reported a profit.\n")
    doc.title = "Orbitel posts first annual profit"
    TextCleaner().process(doc)
    assert doc.title == "Orbitel posts first annual profit"
    assert doc.text == "Orbitel reported a profit."


def test_stage_contract_pickle_and_stats() -> None:
    stage = TextCleaner()
    assert stage.name == "veille.clean.text.v1"
    assert stage.requires == ("markup",)
    assert set(stage.assigns) == {"text", "title", "category"}
    clone = pickle.loads(pickle.dumps(stage))
    pipeline = Pipeline([clone])
    doc = pipeline(make_doc(dedent(RELATED_BLOCK_EN).lstrip("\n")))
    assert doc.title == "Helvar Systems to cut 400 jobs as cloud sales slow"
    assert clone.stats["dropped:teaser"] >= 4
    assert clone.stats["forwarded"] == 1


def test_clean_text_is_fast_on_a_long_page() -> None:
    import time

    page = dedent(RELATED_BLOCK_EN) * 200 + dedent(INLINE_READ_ALSO) * 200
    start = time.perf_counter()
    result = clean_text(page)
    assert time.perf_counter() - start < 5.0
    assert result.text
