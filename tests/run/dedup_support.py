"""An invented wire story as three outlets ran it, lightly edited, and two other articles on the same deal."""

from __future__ import annotations

WIRE = (
    "Le groupe de télécommunications Vantelis a annoncé lundi le rachat de l'opérateur régional "
    "Brisemer Fibre pour 310 millions d'euros, une opération qui doit lui permettre de doubler sa "
    "couverture en fibre optique dans l'ouest de la France d'ici à 2026.",
    "Brisemer Fibre, fondé en 2011 à Brest, exploite un réseau de 420 000 prises raccordables dans "
    "le Finistère, les Côtes-d'Armor et le Morbihan. La société a réalisé l'an dernier un chiffre "
    "d'affaires de 74 millions d'euros, en hausse de 18 % sur un an.",
    "La transaction, qui doit encore recevoir le feu vert de l'Autorité de la concurrence, devrait "
    "être finalisée au troisième trimestre. Vantelis financera l'acquisition par sa trésorerie et "
    "par un emprunt bancaire de 150 millions d'euros.",
    "Les 230 salariés de Brisemer Fibre conserveront leur emploi et le siège restera à Brest, a "
    "précisé la direction de Vantelis, qui prévoit d'investir 60 millions d'euros supplémentaires "
    "dans le réseau au cours des trois prochaines années.",
)

#: (site, title, date, paragraphs): the wire copy as each outlet ran it; the first to run it comes last.
OUTLETS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Le Quotidien des Télécoms",
        "Fibre : Vantelis met la main sur le breton Brisemer",
        "2024-09-10",
        (
            "Nouvelle consolidation dans la fibre régionale.",
            WIRE[0],
            WIRE[1].replace("La société a réalisé", "L'entreprise a réalisé"),
            WIRE[2],
            WIRE[3].replace("a précisé la direction de Vantelis", "selon Vantelis"),
        ),
    ),
    (
        "Breizh Éco",
        "Brisemer Fibre passe sous pavillon Vantelis",
        "2024-09-10",
        (
            WIRE[0].replace("a annoncé lundi", "a officialisé lundi"),
            WIRE[1],
            WIRE[2],
            WIRE[3],
            "Contactée, la région Bretagne n'a pas souhaité commenter l'opération.",
        ),
    ),
    ("Ouest Réseaux", "Vantelis rachète Brisemer Fibre", "2024-09-09", WIRE),  # the earliest, read last
)

#: Two other articles about the same deal, written independently: not the same story.
OTHERS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Analyse Télécom",
        "Pourquoi Vantelis a payé cher Brisemer Fibre",
        "2024-09-12",
        (
            "À 310 millions d'euros, le prix payé par Vantelis représente plus de quatre fois le chiffre "
            "d'affaires de Brisemer Fibre, un multiple élevé pour un réseau encore en construction.",
            "Les analystes rappellent que les opérateurs d'infrastructures régionaux se sont arraché les "
            "réseaux d'initiative publique depuis trois ans, poussant les valorisations à la hausse.",
            "Pour Vantelis, l'enjeu est surtout de sécuriser des prises en Bretagne avant la fin du plan "
            "France Très Haut Débit, quitte à alourdir temporairement son endettement.",
        ),
    ),
    (
        "Ouest Réseaux",
        "À Brest, les salariés de Brisemer rassurés",
        "2024-09-11",
        (
            "Au siège brestois de Brisemer Fibre, l'annonce du rachat par Vantelis a d'abord suscité "
            "l'inquiétude, avant que la direction ne promette le maintien de tous les postes.",
            "Les représentants du personnel demandent toutefois des garanties écrites sur les sites de "
            "Quimper et de Lorient, où travaillent une soixantaine de techniciens.",
            "Une réunion avec la nouvelle direction est prévue la semaine prochaine, selon les syndicats.",
        ),
    ),
)
