"""Site from URL, and the site name cut from headlines."""

from __future__ import annotations

import pytest

from veille.meta.site import site_from_url
from veille.meta.title import strip_site_name


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.lemonde.fr/economie/article/2020/01/29/x.html", "lemonde.fr"),
        ("https://actu.orange.fr/societe/high-tech/x.html", "actu.orange.fr"),
        ("http://WWW.Example.COM:8080/path?q=1", "example.com"),
        ("//www.bbc.co.uk/news", "bbc.co.uk"),
        ("lesechos.fr/tech", "lesechos.fr"),
        ("https://www.com", "www.com"),
        (None, None),
        ("", None),
        ("not a url", None),
        ("file:///tmp/page.html", None),
    ],
)
def test_site_from_url(url: str | None, site: str | None) -> None:
    assert site_from_url(url) == site


@pytest.mark.parametrize(
    ("title", "sitename", "host", "expected"),
    [
        (
            "Hachette domine l'édition - Orange Actualités",
            "Orange Actualités",
            "actu.orange.fr",
            "Hachette domine l'édition",
        ),
        ("Acme buys Widget | Tech Daily", "Tech Daily", None, "Acme buys Widget"),
        ("Le Monde | Les géants de la tech", None, "www.lemonde.fr", "Les géants de la tech"),
        ("Une info - LeMonde.fr", None, "lemonde.fr", "Une info"),
        (
            "Twitch 1 - Mixer 0, Microsoft arrête les frais",
            "Orange Actualités",
            "actu.orange.fr",
            "Twitch 1 - Mixer 0, Microsoft arrête les frais",
        ),
        (
            "Médias: M6 toujours intéressé",
            "Orange Actualités",
            "actu.orange.fr",
            "Médias: M6 toujours intéressé",
        ),
        ("Orange", "Orange", "orange.fr", "Orange"),
        ("  Spaces   folded  ", None, None, "Spaces folded"),
    ],
)
def test_strip_site_name(title: str, sitename: str | None, host: str | None, expected: str) -> None:
    assert strip_site_name(title, sitename, host) == expected
