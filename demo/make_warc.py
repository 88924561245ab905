# ruff: noqa: E501  (the pages below are HTML data, kept with their natural long lines)
"""Build demo/corpus/15-crawl.warc.gz: a small crawl of three invented trade-press pages.

Every page below is invented for the demo (see demo/README.md). The output is deterministic
(fixed record ids and dates, gzip header without a timestamp), so re-running this script
reproduces the committed file byte for byte:

    .venv/bin/python demo/make_warc.py
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "corpus" / "15-crawl.warc.gz"
#: The crawl date: it is NOT the publication date of any page (the third page has none at all).
CRAWL_DATE = "2024-07-10T03:14:07Z"
HTTP_DATE = "Wed, 10 Jul 2024 03:14:07 GMT"

CANAL_LUMIO = """<!doctype html>
<html lang="fr-FR">
<head>
<meta charset="UTF-8">
<title>Canal+ entre à hauteur de 35 % au capital du studio Lumio Films | Médias &amp; Réseaux</title>
<meta property="og:site_name" content="Médias &amp; Réseaux">
<meta property="og:title" content="Canal+ entre à hauteur de 35 % au capital du studio Lumio Films">
<meta property="og:url" content="https://medias-reseaux.fr/2024/04/17/canal-lumio-films-35-pourcent/">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Canal+ entre à hauteur de 35 % au capital du studio Lumio Films","datePublished":"2024-04-17T10:05:00+02:00","author":{"@type":"Person","name":"Julien Marchetti"},"articleSection":"Cinéma"}
</script>
</head>
<body class="single single-post">
<div class="cookie-notice"><span>Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.</span> <a href="#" class="cn-accept">OK</a></div>
<header id="masthead"><div class="site-title"><a href="https://medias-reseaux.fr/">Médias &amp; Réseaux</a></div>
<nav id="site-navigation"><ul class="menu"><li><a href="/television/">Télévision</a></li><li><a href="/streaming/">Streaming</a></li><li><a href="/cinema/">Cinéma</a></li><li><a href="/telecoms/">Télécoms</a></li></ul></nav></header>
<div class="pub pub-banniere">PUBLICITÉ</div>
<article class="post">
  <header class="entry-header"><span class="cat-links"><a href="/cinema/">Cinéma</a></span>
  <h1 class="entry-title">Canal+ entre à hauteur de 35 % au capital du studio Lumio Films</h1>
  <div class="entry-meta">par <span class="author">Julien Marchetti</span></div></header>
  <div class="sharedaddy"><span>Partager :</span> <a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">X</a></div>
  <div class="entry-content">
    <p><strong>Le groupe de Maxime Saada investit 48 millions d’euros dans le producteur lyonnais de films d’animation, qui alimentera Studiocanal et la plateforme myCanal.</strong></p>
    <p>Canal+ a pris une participation de 35 % dans Lumio Films, un studio d’animation lyonnais fondé en 2012, pour 48 millions d’euros. L’opération valorise la société à environ 137 millions d’euros. Les fondateurs, Agathe Roussel et Karim Benali, conservent la majorité du capital.</p>
    <p>« L’animation est le genre qui voyage le mieux. Avec Lumio, Studiocanal disposera d’un catalogue capable de rivaliser avec celui de Disney et de Netflix », a expliqué Anna Marsh, directrice générale de Studiocanal, la filiale cinéma de Canal+.</p>
    <div class="pub pub-inarticle"><span>Publicité</span></div>
    <p>Lumio Films emploie 320 personnes et a réalisé un chiffre d’affaires de 41 millions d’euros en 2023. Le studio prévoit de recruter 120 animateurs d’ici 2026 et vise 30 % de croissance annuelle.</p>
    <div class="jp-relatedposts"><h3>Sur le même sujet</h3><p><a href="/2024/04/10/studiocanal-resultats/">Studiocanal : un exercice record</a> <span>10 avril 2024</span></p></div>
    <p>Canal+ disposera de deux sièges au conseil d’administration et d’une option pour monter à 51 % à partir de 2027.</p>
  </div>
</article>
<aside class="widget-area"><section class="widget widget_newsletter"><h2>Newsletter</h2><p>Recevez gratuitement notre lettre quotidienne.</p></section></aside>
<footer id="colophon"><p>Médias &amp; Réseaux © 2024. Propulsé par WordPress.</p></footer>
</body>
</html>
"""

PROXIMUS_TESSA = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>L'Écho des Opérateurs - Proximus cède sa filiale Tessa Datacenters pour 260 millions d'euros</title>
<meta property="og:site_name" content="L'Écho des Opérateurs">
</head>
<body>
<div id="rgpd">En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies à des fins statistiques et publicitaires. <a href="/rgpd.php">En savoir plus</a></div>
<table width="980" align="center" id="page">
<tr><td colspan="2" id="menu"><a href="/index.php">Accueil</a> | <a href="/rubrique.php?id=1">Opérateurs</a> | <a href="/rubrique.php?id=2">Entreprises</a> | <a href="/rubrique.php?id=3">Réglementation</a></td></tr>
<tr><td valign="top" id="colonne-gauche" width="680">
<div class="date-article">Publié le 18 juin 2024 à 16:30</div>
<h1 class="titre-article">Proximus cède sa filiale Tessa Datacenters pour 260 millions d'euros</h1>
<div class="auteur">Par Marc Delorme</div>
<div class="outils"><a href="/imprimer.php?id=19875">Imprimer</a> | <a href="/envoyer.php?id=19875">Envoyer à un ami</a></div>
<div class="texte-article">
<p><b>L'opérateur belge vend ses six centres de données au fonds d'infrastructures Vectis Infra, qui devient son fournisseur d'hébergement pour dix ans.</b></p>
<p>Proximus a annoncé la vente de Tessa Datacenters, sa filiale d'hébergement, au fonds d'infrastructures néerlandais Vectis Infra pour 260 millions d'euros. Tessa exploite six centres de données en Belgique, d'une capacité totale de 32 mégawatts, et emploie 140 personnes, qui seront toutes reprises par l'acquéreur.</p>
<p>« Nous n'avons pas besoin de posséder les murs pour servir nos clients », a expliqué Geert Standaert, directeur technique de Proximus. Le groupe belge conserve une participation minoritaire de 10 % dans Tessa et signe un contrat d'hébergement de dix ans avec le nouveau propriétaire.</p>
<p>Le produit de la cession servira à financer le déploiement de la fibre, dont Proximus veut porter la couverture à 4,2 millions de foyers d'ici 2028. L'opérateur fait face à la concurrence de Telenet et, depuis peu, du groupe Iliad, qui a racheté l'opérateur d'entreprises Nordlink.</p>
</div>
<div class="pub-carre"><small>Publicité</small></div>
</td>
<td valign="top" id="colonne-droite" width="300"><div class="bloc"><div class="bloc-titre">Newsletter gratuite</div>Recevez chaque semaine L'Écho des Opérateurs.</div></td></tr>
<tr><td colspan="2" id="pied">L'Écho des Opérateurs | <a href="/contact.php">Contact</a> | <a href="/mentions.php">Mentions légales</a><br>Copyright © 2001-2024 Echo Média SARL</td></tr>
</table>
</body>
</html>
"""

HYPERSCALERS = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Analysis: why Europe's telcos keep courting the hyperscalers — TechWire Europe</title>
<meta property="og:site_name" content="TechWire Europe">
<meta property="og:type" content="article">
<meta property="og:title" content="Analysis: why Europe's telcos keep courting the hyperscalers">
</head>
<body>
<div class="consent-overlay"><div class="consent-box"><h2>We value your privacy</h2><p>We and our partners store and access information on your device, such as cookies.</p><button>Accept all</button></div></div>
<header class="tw-header"><a href="/" class="tw-logo">TechWire<span>Europe</span></a><nav><a href="/telecoms">Telecoms</a><a href="/media">Media</a><a href="/cloud">Cloud</a></nav></header>
<div class="ad ad-top"><p class="ad-label">Advertisement</p></div>
<main class="tw-main">
<article class="story">
  <p class="kicker"><a href="/cloud">Cloud</a> · Analysis</p>
  <h1 class="story-title">Analysis: why Europe's telcos keep courting the hyperscalers</h1>
  <div class="story-meta">By <a href="/authors/priya-nair">Priya Nair</a></div>
  <div class="story-body">
    <p>A decade ago, Europe's big operators described Google, Microsoft and Amazon as the companies eating their lunch. Today they are signing partnership after partnership with them. Orange works with Google Cloud on sovereign cloud, Deutsche Telekom runs a similar service through T-Systems, and Vodafone has a long-running deal with Microsoft.</p>
    <p>The logic is mostly financial. Building and running data centres at hyperscale costs billions, and the operators' balance sheets are already stretched by fibre and 5G. BT Group, which carries more than £20 billion of net debt, has said it will not build its own cloud regions.</p>
    <div class="ad ad-mid"><p class="ad-label">Advertisement</p></div>
    <p>Yet the partnerships come with a cost. The hyperscalers keep the software layer and most of the margin, and they increasingly compete with operators for enterprise customers directly. "We are partners on Monday and rivals on Tuesday," one executive at a large French operator said.</p>
    <p>Smaller specialists such as Helvia Cloud are trying to exploit that tension, offering operators a European alternative. Whether they can reach the scale needed to matter is the open question.</p>
  </div>
</article>
<section class="more-stories"><h2>More from Cloud</h2><div class="card"><a href="/cloud/orange-google-cloud-sovereign-expansion">Orange and Google Cloud widen sovereign cloud partnership</a><span>1 week ago</span></div></section>
</main>
<footer class="tw-footer"><p>© TechWire Media Ltd. All rights reserved.</p></footer>
</body>
</html>
"""

#: (url, html, charset served in the HTTP header)
PAGES: tuple[tuple[str, str, str], ...] = (
    ("https://medias-reseaux.fr/2024/04/17/canal-lumio-films-35-pourcent/", CANAL_LUMIO, "utf-8"),
    ("http://www.echo-operateurs.fr/article.php?id=19875", PROXIMUS_TESSA, "windows-1252"),
    ("https://www.techwire-europe.com/cloud/analysis-telcos-hyperscalers", HYPERSCALERS, "utf-8"),
)


def _record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def build(output: Path = OUTPUT) -> Path:
    """Write the WARC (one warcinfo record, then one response record per page)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(
        output.name,
        {"software": "veille demo/make_warc.py", "description": "invented pages for the veille demo"},
    )
    info.rec_headers.replace_header("WARC-Record-ID", _record_id(0))
    info.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
    writer.write_record(info)
    for n, (url, html, charset) in enumerate(PAGES, start=1):
        payload = html.encode(charset)
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", f"text/html; charset={charset}"),
                ("Date", HTTP_DATE),
                ("Content-Length", str(len(payload))),
            ],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": _record_id(n), "WARC-Date": CRAWL_DATE},
        )
        writer.write_record(record)
    output.write_bytes(buffer.getvalue())
    return output


if __name__ == "__main__":
    build()
