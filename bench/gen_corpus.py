#!/usr/bin/env python3
"""Deterministic synthetic news corpus for the throughput benchmarks (docs/PERFORMANCE.md).

    bench/gen_corpus.py --count 10000 --seed 1 --out /tmp/corpus-10k

writes OUT/NNN/NNNNNNN.txt (1-6 KB each, 1000 files per sub-directory) and OUT/manifest.jsonl
({"doc","url","outlet","published"} per article). The same count and seed give byte-identical
output on any machine (Python's random.Random is specified; nothing else varies).

The mix is made to look like a news feed, not like the gold sets: about a third of the
articles report an attack on a facility (several weapons, number phrasings, interceptions,
casualties, claims, denials), a third mention past attacks or other violence (background,
strikes elsewhere, drills), a third are negatives (politics, economy, sport, weather). Every
article carries some boilerplate (bylines, "read more", cookie and newsletter lines). About 12 %
are written in Arabic, French, Spanish or Portuguese with phrases the gloss tables
(data/lexicon/<lang>/gloss.tsv) translate. Only the Python standard library is used.
"""

import argparse
import json
import os
import random
import sys

# ---------------------------------------------------------------- shared vocabulary

FACILITIES = [
    # (English names, city, country)
    (["the US Embassy in Baghdad", "the U.S. embassy in the Green Zone", "the American embassy compound in Baghdad"], "Baghdad", "Iraq"),
    (["the Baghdad Diplomatic Support Center", "the US diplomatic facility at Baghdad airport", "the BDSC"], "Baghdad", "Iraq"),
    (["Ain al-Asad air base", "the Ain al-Assad airbase", "Al-Asad Airbase"], "Anbar", "Iraq"),
    (["Erbil air base", "the coalition base at Erbil airport", "Harir air base"], "Erbil", "Iraq"),
    (["the US consulate in Erbil", "the U.S. Consulate General in Erbil"], "Erbil", "Iraq"),
    (["Victory Base", "the military base at Baghdad airport", "Camp Victory"], "Baghdad", "Iraq"),
    (["Union III", "the Union III base"], "Baghdad", "Iraq"),
    (["al-Tanf garrison", "the Tanf base", "the al-Tanf military outpost"], "Homs", "Syria"),
    (["the Conoco gas field base", "Conoco mission support site"], "Deir ez-Zor", "Syria"),
    (["the Green Village base", "Green Village"], "Deir ez-Zor", "Syria"),
    (["Rumalyn Landing Zone", "the Rmelan base"], "Hasakah", "Syria"),
    (["Tower 22", "the Tower 22 outpost"], "Rukban", "Jordan"),
    (["the US Embassy in Beirut", "the American embassy in Awkar"], "Beirut", "Lebanon"),
    (["the US embassy in Amman"], "Amman", "Jordan"),
    (["Camp Buehring"], "Udairi", "Kuwait"),
    (["Bashur airfield", "Harir base"], "Erbil", "Iraq"),
    (["the Balad air base", "Balad airbase"], "Salahuddin", "Iraq"),
    (["K1 base", "the K-1 military base"], "Kirkuk", "Iraq"),
]

WEAPONS = [
    # (singular, plural, kind)
    ("rocket", "rockets", "rocket"),
    ("Katyusha rocket", "Katyusha rockets", "rocket"),
    ("107mm rocket", "107mm rockets", "rocket"),
    ("Grad rocket", "Grad rockets", "rocket"),
    ("drone", "drones", "drone"),
    ("explosive-laden drone", "explosive-laden drones", "drone"),
    ("one-way attack drone", "one-way attack drones", "drone"),
    ("Shahed-type drone", "Shahed-type drones", "drone"),
    ("fixed-wing drone", "fixed-wing drones", "drone"),
    ("ballistic missile", "ballistic missiles", "missile"),
    ("mortar round", "mortar rounds", "mortar"),
    ("mortar shell", "mortar shells", "mortar"),
    ("roadside bomb", "roadside bombs", "ied"),
]

GROUPS = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat al-Nujaba",
          "Kataib Sayyid al-Shuhada", "Saraya Awliya al-Dam", "Ashab al-Kahf", "Iran-backed militias"]
SOURCES = ["a security source", "a US defence official", "two Iraqi security officials",
           "the Pentagon", "a coalition spokesman", "the Iraqi military", "police", "witnesses",
           "a Kurdish counter-terrorism statement", "an embassy spokesperson", "local officials"]
OUTLETS = ["Gulf Wire", "Levant Ledger", "Frontline Brief", "Tigris Times", "Desert Dispatch",
           "Euphrates Monitor", "Crescent Daily", "Northern Star Press", "Anbar Observer",
           "Meridian News", "Le Courrier du Levant", "El Diario del Golfo", "Folha do Oriente",
           "Al-Rafidain Post"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def count_phrase(r, n):
    """A count as news writes it: digits, words, or vague."""
    roll = r.random()
    if n <= 12 and roll < 0.55:
        return NUMBER_WORDS[n]
    if roll < 0.9:
        return str(n)
    return r.choice(["several", "a number of", "multiple", "at least %d" % n])


def cap(text):
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- English

BOILERPLATE_TOP = [
    "Skip to main content",
    "Subscribe to our newsletter for the latest updates",
    "Home | World | Middle East | Iraq",
    "Listen to this article (4 min)",
    "Advertisement",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
]
BOILERPLATE_BOTTOM = [
    "Read more: Iraq's parliament delays vote on budget",
    "Related: Oil prices edge higher on supply worries",
    "Share this article on Facebook, X and WhatsApp",
    "Copyright 2024 {outlet}. All rights reserved.",
    "Reporting by {reporter}; editing by {editor}",
    "Sign up for our morning briefing.",
    "Most read: Ten things to know before you travel",
    "Comments are closed for this article.",
]
REPORTERS = ["Ahmed Rasheed", "Sara Haddad", "Tom Walker", "Lina Mansour", "Omar Khalil",
             "Jane Doe", "Mustafa Salim", "Claire Dubois", "Pablo Ortega", "Rui Santos"]


def english_attack(r, fac, weapon, date_words):
    names, city, country = fac
    name = r.choice(names)
    sing, plur, kind = weapon
    n = r.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 10, 12, 14, 20])
    w = sing if n == 1 else plur
    intercepted = r.randint(0, n)
    killed = r.choice([0, 0, 0, 0, 1, 2, 3])
    wounded = r.choice([0, 0, 0, 1, 2, 3, 4, 5, 8, 34])
    src = r.choice(SOURCES)
    group = r.choice(GROUPS)
    leads = [
        f"{cap(count_phrase(r, n))} {w} targeted {name} on {date_words}, {src} said.",
        f"{cap(name)} came under attack by {count_phrase(r, n)} {w} on {date_words}, according to {src}.",
        f"At least {n} {w} struck {name} late on {date_words}, {src} told reporters.",
        f"{cap(src)} said {count_phrase(r, n)} {w} were fired at {name} on {date_words}.",
        f"An attack with {count_phrase(r, n)} {w} hit {name} near {city} on {date_words}.",
    ]
    paras = [r.choice(leads)]
    if intercepted:
        paras.append(r.choice([
            f"Air defences intercepted {count_phrase(r, intercepted)} of them, while the others fell inside the perimeter.",
            f"The C-RAM system shot down {intercepted} of the {w}, {src} added.",
            f"{cap(count_phrase(r, intercepted))} were intercepted before reaching the compound.",
        ]))
    else:
        paras.append(r.choice([
            "None of the projectiles was intercepted, the official said.",
            f"The {w} landed near a parking area and caused minor damage to a warehouse.",
        ]))
    if killed or wounded:
        bits = []
        if killed:
            bits.append(f"{count_phrase(r, killed)} {'person was' if killed == 1 else 'people were'} killed")
        if wounded:
            bits.append(f"{count_phrase(r, wounded)} {'was' if wounded == 1 else 'were'} wounded")
        paras.append(cap(" and ".join(bits)) + r.choice([
            ", a medical source said.", " in the attack.", ", including service members and contractors.",
        ]))
    else:
        paras.append(r.choice([
            "There were no casualties, the statement said.",
            "No injuries were reported and an assessment of the damage is under way.",
            "No one was hurt, according to initial reports.",
        ]))
    paras.append(r.choice([
        f"The {group} claimed responsibility in a statement on Telegram, saying the attack was a response to US support for Israel.",
        f"No group immediately claimed the attack, but suspicion fell on the {group}.",
        f"A spokesman for the {group} denied any role in the attack.",
        f"The {group} said its fighters had targeted the base with {plur}.",
    ]))
    paras.append(r.choice([
        f"It was the {r.choice(['third', 'fifth', 'latest', 'second'])} attack on US forces in {country} this week. "
        f"The Pentagon says US troops in Iraq and Syria have been attacked {r.randint(40, 180)} times since October.",
        f"In {r.choice(MONTHS)} {r.randint(2019, 2023)}, a similar attack with {r.choice(WEAPONS)[1]} wounded "
        f"{r.randint(1, 9)} people at the same site.",
        f"The {country}i government condemned the attack and ordered an investigation." if country == "Iraq" else
        f"Officials in {country} condemned the attack and ordered an investigation.",
    ]))
    if kind == "drone" and r.random() < 0.5:
        paras.append("Video posted online appeared to show the drone exploding over the compound, "
                     "though the footage could not be independently verified.")
    return paras


def english_filler(r):
    topics = [
        "Parliament met on {day} to discuss the draft budget, which includes {n} billion dinars for infrastructure and electricity projects in the southern provinces.",
        "Oil exports through the southern ports averaged {n}00,000 barrels per day last month, the oil ministry said in a statement.",
        "The national football team beat its rival {a}-{b} in a qualifier played in Basra in front of {n},000 spectators.",
        "Temperatures are expected to reach {n}5 degrees Celsius this week, and the electricity ministry urged residents to save power.",
        "The central bank said inflation eased to {n}.{b} percent, while the dinar was stable against the dollar.",
        "A delegation of {n} foreign investors visited the new port project and met the transport minister.",
        "The prime minister received the ambassador of {country} and discussed trade, water and energy cooperation.",
        "Farmers in the south say the drought has cut the wheat harvest by {n}0 percent compared with last year.",
        "Negotiations on the withdrawal of the coalition resumed in Washington, with both sides describing the talks as constructive.",
        "Analysts say the militias' campaign has escalated since October, with dozens of rocket and drone attacks against bases in Iraq and Syria.",
        "A traffic accident on the highway between Baghdad and Hilla killed {n} people and injured {b} others, police said.",
        "The ministry of health reported {n}0 new cases of cholera in the past week, most of them in Sulaymaniyah province.",
    ]
    t = r.choice(topics)
    return t.format(day=r.choice(DAYS), n=r.randint(1, 9), a=r.randint(0, 4), b=r.randint(0, 9),
                    country=r.choice(["France", "Spain", "Brazil", "Japan", "Germany", "Turkey"]))


def english_negative_lead(r, fac):
    names, city, country = fac
    name = r.choice(names)
    return r.choice([
        f"Sirens sounded at {name} on {r.choice(DAYS)} during a scheduled test of the C-RAM defence system, and officials said there was no attack.",
        f"The ambassador hosted a reception at {name} to mark Independence Day, attended by {r.randint(50, 400)} guests.",
        f"US forces carried out an air strike on a weapons depot near {city}, the Pentagon said, in response to earlier attacks.",
        f"A drone strike killed a militia commander in eastern Baghdad on {r.choice(DAYS)}, according to two security sources.",
        f"Turkish drones struck a vehicle near Sulaymaniyah, killing {r.randint(1, 4)} PKK members, Kurdish officials said.",
        f"Russian drones hit energy infrastructure in Kyiv overnight, Ukrainian officials said.",
        f"Visa services at {name} will be suspended for maintenance from {r.choice(MONTHS)} {r.randint(1, 28)}.",
        f"Houthi forces said they fired a missile at a commercial ship in the Red Sea; no damage was reported.",
        f"An ISIS attack on an army checkpoint in Kirkuk killed {r.randint(1, 5)} soldiers, the Iraqi military said.",
        f"Protesters gathered outside {name} on {r.choice(DAYS)} to denounce the war in Gaza; security forces kept them away from the gates.",
    ])


def english_article(r, kind, date):
    y, m, d = date
    day = r.choice(DAYS)
    date_words = r.choice([day, f"{day} night", f"{MONTHS[m - 1]} {d}", f"the night of {MONTHS[m - 1]} {d}", "Tuesday morning"])
    fac = r.choice(FACILITIES)
    title = None
    paras = []
    if kind == "attack":
        weapon = r.choice(WEAPONS)
        title = r.choice([
            f"{cap(weapon[1])} target {fac[0][0].removeprefix('the ')}",
            f"Attack on {fac[0][0].removeprefix('the ')}: {weapon[1]} fired",
            f"{fac[1]}: {weapon[1]} hit US site, no casualties reported",
        ])
        paras += english_attack(r, fac, weapon, date_words)
    elif kind == "mixed":
        title = r.choice(["Iraq news roundup", "Security update", f"What happened in {fac[1]} this week"])
        paras.append(english_negative_lead(r, fac))
        paras.append(english_filler(r))
        paras.append(r.choice([
            f"Last year {r.randint(2, 9)} rockets hit {r.choice(fac[0])}, wounding {r.randint(1, 5)} contractors.",
            "Attacks on US forces have declined since February, according to a Pentagon tally.",
            f"The {r.choice(GROUPS)} has claimed {r.randint(10, 150)} attacks on US forces since the war in Gaza began.",
        ]))
    else:
        title = r.choice(["Budget talks resume", "Weather: heatwave continues", "Football: qualifiers",
                          "Markets close higher", "Minister visits port project"])
        paras.append(english_filler(r))
    return title, paras


# ---------------------------------------------------------------- other languages

FR = {
    "facilities": ["l'ambassade américaine à Bagdad", "l'ambassade des États-Unis à Bagdad",
                   "la base aérienne d'Aïn al-Assad", "une base américaine dans l'est de la Syrie",
                   "la base de la coalition à Erbil"],
    "weapons": [("roquette", "roquettes"), ("drone", "drones"), ("drone explosif", "drones explosifs"),
                ("obus de mortier", "obus de mortier"), ("missile balistique", "missiles balistiques")],
    "numbers": ["une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit"],
    "attack": [
        "{N} {W} ont visé {F} dans la nuit de {D}, a indiqué une source de sécurité.",
        "{F} a été la cible d'une attaque de {N} {W} {D}, selon un responsable américain.",
        "Au moins {N} {W} se sont abattues sur {F} {D}, selon l'armée irakienne.",
    ],
    "intercept": ["Les défenses aériennes en ont intercepté {I}.", "{I} ont été abattus par le système C-RAM."],
    "casualties": ["L'attaque n'a fait aucune victime, selon le communiqué.", "{K} personnes ont été blessées."],
    "claim": ["La Résistance islamique en Irak a revendiqué l'attaque sur Telegram.",
              "Aucun groupe n'a revendiqué l'attaque dans l'immédiat."],
    "filler": ["Le Parlement irakien a reporté le vote sur le budget à la semaine prochaine.",
               "Les prix du pétrole ont légèrement progressé lundi sur les marchés asiatiques.",
               "Le gouvernement a annoncé un plan pour réduire les coupures d'électricité cet été.",
               "Les discussions sur le retrait de la coalition internationale se poursuivent à Washington."],
    "days": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "boiler": ["Lire aussi : la crise politique en Irak", "Abonnez-vous à notre lettre d'information",
               "Tous droits réservés."],
}
ES = {
    "facilities": ["la embajada de Estados Unidos en Bagdad", "la base aérea de Ain al Asad",
                   "una base estadounidense en el este de Siria", "la base de la coalición en Erbil"],
    "weapons": [("cohete", "cohetes"), ("dron", "drones"), ("dron cargado de explosivos", "drones cargados de explosivos"),
                ("proyectil de mortero", "proyectiles de mortero"), ("misil balístico", "misiles balísticos")],
    "numbers": ["un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"],
    "attack": [
        "{N} {W} impactaron contra {F} el {D}, según una fuente de seguridad.",
        "{F} fue blanco de un ataque con {N} {W} el {D}, informó un funcionario estadounidense.",
        "Al menos {N} {W} fueron lanzados contra {F} el {D}, dijo el ejército iraquí.",
    ],
    "intercept": ["Las defensas aéreas interceptaron {I} de ellos.", "{I} fueron derribados por el sistema C-RAM."],
    "casualties": ["No hubo víctimas, según el comunicado.", "{K} personas resultaron heridas."],
    "claim": ["La Resistencia Islámica en Irak reivindicó el ataque en Telegram.",
              "Ningún grupo reivindicó de inmediato el ataque."],
    "filler": ["El Parlamento iraquí aplazó la votación del presupuesto a la próxima semana.",
               "Los precios del petróleo subieron ligeramente el lunes en los mercados asiáticos.",
               "El gobierno anunció un plan para reducir los cortes de electricidad este verano.",
               "Las conversaciones sobre la retirada de la coalición continúan en Washington."],
    "days": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "boiler": ["Lea también: la crisis política en Irak", "Suscríbase a nuestro boletín",
               "Todos los derechos reservados."],
}
PT = {
    "facilities": ["a embaixada dos Estados Unidos em Bagdá", "a base aérea de Ain al-Asad",
                   "uma base americana no leste da Síria", "a base da coalizão em Erbil"],
    "weapons": [("foguete", "foguetes"), ("drone", "drones"), ("drone carregado de explosivos", "drones carregados de explosivos"),
                ("morteiro", "morteiros"), ("míssil balístico", "mísseis balísticos")],
    "numbers": ["um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito"],
    "attack": [
        "{N} {W} atingiram {F} na {D}, segundo uma fonte de segurança.",
        "{F} foi alvo de um ataque com {N} {W} na {D}, informou um funcionário americano.",
        "Pelo menos {N} {W} foram lançados contra {F} na {D}, disse o exército iraquiano.",
    ],
    "intercept": ["As defesas aéreas interceptaram {I} deles.", "{I} foram abatidos pelo sistema C-RAM."],
    "casualties": ["Não houve vítimas, segundo o comunicado.", "{K} pessoas ficaram feridas."],
    "claim": ["A Resistência Islâmica no Iraque reivindicou o ataque no Telegram.",
              "Nenhum grupo reivindicou imediatamente o ataque."],
    "filler": ["O Parlamento iraquiano adiou a votação do orçamento para a próxima semana.",
               "Os preços do petróleo subiram ligeiramente na segunda-feira nos mercados asiáticos.",
               "O governo anunciou um plano para reduzir os cortes de energia neste verão.",
               "As conversas sobre a retirada da coalizão continuam em Washington."],
    "days": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
    "boiler": ["Leia também: a crise política no Iraque", "Assine a nossa newsletter",
               "Todos os direitos reservados."],
}
AR = {
    "facilities": ["السفارة الأمريكية في بغداد", "قاعدة عين الأسد الجوية", "قاعدة حرير في أربيل",
                   "مطار أربيل الدولي", "قاعدة فيكتوري قرب مطار بغداد"],
    "weapons": [("صاروخ كاتيوشا", "صواريخ كاتيوشا"), ("طائرة مسيرة", "طائرات مسيرة"),
                ("قذيفة هاون", "قذائف هاون"), ("صاروخ", "صواريخ")],
    "numbers": ["واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية"],
    "attack": [
        "استهدفت {N} {W} {F} يوم {D}، بحسب مصدر أمني.",
        "تعرضت {F} لهجوم بـ{N} {W} يوم {D}، وفقا لمسؤول أمريكي.",
        "سقطت {N} {W} على {F} مساء {D}، حسبما أفادت خلية الإعلام الأمني.",
    ],
    "intercept": ["وتمكنت منظومة الدفاع الجوي من اعتراض {I} منها.", "وأسقطت منظومة سي-رام {I} منها."],
    "casualties": ["ولم يسفر الهجوم عن وقوع إصابات.", "وأصيب {K} أشخاص بجروح."],
    "claim": ["وتبنت المقاومة الإسلامية في العراق الهجوم في بيان على تلغرام.",
              "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن."],
    "filler": ["وأرجأ مجلس النواب التصويت على الموازنة إلى الأسبوع المقبل.",
               "وارتفعت أسعار النفط قليلا يوم الاثنين في الأسواق الآسيوية.",
               "وأعلنت الحكومة خطة لتقليل انقطاع الكهرباء خلال فصل الصيف.",
               "وتستمر المحادثات بشأن انسحاب قوات التحالف في واشنطن."],
    "days": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "boiler": ["اقرأ أيضا: الأزمة السياسية في العراق", "اشترك في نشرتنا الإخبارية",
               "جميع الحقوق محفوظة."],
}
LANGS = {"fr": FR, "es": ES, "pt": PT, "ar": AR}


def foreign_article(r, lang, kind):
    t = LANGS[lang]
    paras = []
    if kind == "attack":
        n = r.randint(2, 8)
        sing, plur = r.choice(t["weapons"])
        paras.append(r.choice(t["attack"]).format(
            N=t["numbers"][n - 1], W=plur, F=r.choice(t["facilities"]), D=r.choice(t["days"])))
        paras[-1] = cap(paras[-1])
        paras.append(r.choice(t["intercept"]).format(I=t["numbers"][r.randint(0, n - 1)]))
        paras.append(r.choice(t["casualties"]).format(K=t["numbers"][r.randint(1, 7)]))
        paras.append(r.choice(t["claim"]))
    paras.append(r.choice(t["filler"]))
    title = paras[0][:60].rsplit(" ", 1)[0]
    return title, paras


# ---------------------------------------------------------------- assembly

def article(r, index):
    y = r.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025])
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    roll = r.random()
    kind = "attack" if roll < 0.35 else ("mixed" if roll < 0.68 else "negative")
    lang_roll = r.random()
    lang = "en" if lang_roll < 0.88 else ("ar" if lang_roll < 0.93 else
                                          "fr" if lang_roll < 0.955 else
                                          "es" if lang_roll < 0.98 else "pt")
    outlet = r.choice(OUTLETS)
    target = r.randint(1000, 6000)
    out = []
    if r.random() < 0.6 and lang == "en":
        out += r.sample(BOILERPLATE_TOP, r.randint(1, 3))
    if lang == "en":
        title, paras = english_article(r, kind, (y, m, d))
        out.append(title)
        out.append(f"By {r.choice(REPORTERS)} | {MONTHS[m - 1]} {d}, {y}")
        body = paras
        while sum(len(p.encode()) + 2 for p in out + body) < target - 300:
            extra = None
            for _ in range(4):  # a paragraph once per article, as far as the templates allow
                extra = english_filler(r) if r.random() < 0.7 else english_negative_lead(r, r.choice(FACILITIES))
                if extra not in body:
                    break
            body.insert(r.randint(1, len(body)), extra)
        out += body
        tail = [b.format(outlet=outlet, reporter=r.choice(REPORTERS), editor=r.choice(REPORTERS))
                for b in r.sample(BOILERPLATE_BOTTOM, r.randint(1, 3))]
        out += tail
    else:
        title, paras = foreign_article(r, lang, kind)
        out.append(title)
        t = LANGS[lang]
        while sum(len(p.encode()) + 2 for p in out + paras) < target - 200:
            paras.append(r.choice(t["filler"]) + " " + r.choice(t["filler"]))
        out += paras
        out.append(r.choice(t["boiler"]))
    text = "\n\n".join(out) + "\n"
    # Trim to the target on a paragraph boundary, never under 1 KB.
    while len(text.encode()) > 6000 and out:
        out.pop(-2 if len(out) > 3 else -1)
        text = "\n\n".join(out) + "\n"
    published = f"{y:04d}-{m:02d}-{d:02d}"
    slug = f"{index:07d}"
    meta = {"doc": f"{slug}.txt",
            "url": f"https://{outlet.lower().replace(' ', '').replace('-', '')}.example.com/{y}/{m:02d}/{d:02d}/a{slug}",
            "outlet": outlet, "published": published}
    return text, meta


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="directory to write (created)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    total = 0
    with open(os.path.join(args.out, "manifest.jsonl"), "w", encoding="utf-8") as manifest:
        for i in range(args.count):
            # One generator per article: article i is the same whatever --count is.
            r = random.Random(args.seed * 1_000_003 + i)
            text, meta = article(r, i)
            sub = os.path.join(args.out, f"{i // 1000:04d}")
            if i % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            data = text.encode("utf-8")
            total += len(data)
            with open(os.path.join(sub, meta["doc"]), "wb") as f:
                f.write(data)
            manifest.write(json.dumps(meta, ensure_ascii=False) + "\n")
    print(f"gen_corpus: {args.count} articles, {total} bytes in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
