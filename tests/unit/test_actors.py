"""The actor catalogue: lookups, data integrity and the spaCy entity ruler it feeds."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language

from graph_builder.actors import (
    ActorCatalog,
    add_entity_ruler,
    is_acronym,
    name_tokens,
    normalise,
)
from graph_builder.models import KIND_LABELS
from graph_builder.nlp import base_model_name

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def catalog() -> ActorCatalog:
    return ActorCatalog.default()


@pytest.fixture(scope="module")
def nlp() -> Language:
    # A fresh copy of the base model: the cached one from load_base_pipeline() is shared.
    pipeline = spacy.load(base_model_name())
    add_entity_ruler(pipeline)
    return pipeline


# --- lookup ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Russia", "russia"),
        ("russia", "russia"),
        ("Russian Federation", "russia"),
        ("the Kremlin", "russia"),
        ("Kremlin", "russia"),
        ("Moscow", "russia"),
        ("Russia's", "russia"),
        ("Russia’s", "russia"),
        ("US", "united-states"),
        ("U.S.", "united-states"),
        ("USA", "united-states"),
        ("United States of America", "united-states"),
        ("Washington", "united-states"),
        ("the White House", "united-states"),
        ("Pentagon", "united-states"),
        ("State Department", "united-states"),
        ("UK", "united-kingdom"),
        ("Britain", "united-kingdom"),
        ("Downing Street", "united-kingdom"),
        ("Türkiye", "turkey"),
        ("Turkiye", "turkey"),
        ("Ankara", "turkey"),
        ("Islamic Republic of Iran", "iran"),
        ("Tehran", "iran"),
        ("DPRK", "north-korea"),
        ("Pyongyang", "north-korea"),
        ("ROK", "south-korea"),
        ("UAE", "united-arab-emirates"),
        ("KSA", "saudi-arabia"),
        ("PRC", "china"),
        ("Beijing", "china"),
        ("Doha", "qatar"),
        ("Élysée", "france"),
        ("Elysee", "france"),
        ("Kyiv", "ukraine"),
        ("Kiev", "ukraine"),
        ("Côte d'Ivoire", "ivory-coast"),
        ("Cote d’Ivoire", "ivory-coast"),
        ("DRC", "dr-congo"),
        ("IDF", "israel"),
        ("Syrian government", "syria"),
        ("Assad regime", "syria"),
        ("Syrian regime", "syria"),
        ("Damascus", "syria"),
        ("Syria", "syria"),
        ("Palestinian Authority", "palestine"),
        ("Holy See", "vatican-city"),
        ("Sergei Lavrov", "sergei-lavrov"),
        ("Sergey Lavrov", "sergei-lavrov"),
        ("Lavrov", "sergei-lavrov"),
        ("Dmitri Peskov", "dmitry-peskov"),
        ("Andrei Rudenko", "andrey-rudenko"),
        ("Andrey Belousov", "andrei-belousov"),
        ("Erdoğan", "recep-tayyip-erdogan"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Recep Tayyip Erdogan", "recep-tayyip-erdogan"),
        ("Yasar Guler", "yasar-guler"),
        ("Bashar al-Assad", "bashar-al-assad"),
        ("Bashar al Assad", "bashar-al-assad"),
        ("Bashar Assad", "bashar-al-assad"),
        ("Assad", "bashar-al-assad"),
        ("Assad's", "bashar-al-assad"),
        ("Abu Mohammed al-Jolani", "ahmed-al-sharaa"),
        ("Abu Mohammad al-Julani", "ahmed-al-sharaa"),
        ("Ahmad al-Sharaa", "ahmed-al-sharaa"),
        ("Asaad al-Shaibani", "asaad-al-shaibani"),
        ("Murhaf Abu Qasra", "murhaf-abu-qasra"),
        ("Faisal Mekdad", "faisal-mekdad"),
        ("Abbas Araqchi", "abbas-araghchi"),
        ("Ebrahim Raisi", "ebrahim-raisi"),
        ("Ayatollah Ali Khamenei", "ali-khamenei"),
        ("Tamim bin Hamad Al Thani", "tamim-bin-hamad-al-thani"),
        ("Muhammad bin Salman", "mohammed-bin-salman"),
        ("Abdul Fattah al-Sisi", "abdel-fattah-el-sisi"),
        ("Asaad Hassan al-Shibani", "asaad-al-shaibani"),
        ("Kim Jong-un", "kim-jong-un"),
        ("Kim Jong Un", "kim-jong-un"),
        ("Zelenskyy", "volodymyr-zelenskyy"),
        ("Hemedti", "mohamed-hamdan-dagalo"),
        ("Naim Qassem", "naim-qassem"),
        ("Guterres", "antonio-guterres"),
        ("Stephane Dujarric", "stephane-dujarric"),
        ("Hayat Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("Hay'at Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("Hay’at Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("Hayat Tahrir al Sham", "hayat-tahrir-al-sham"),
        ("HTS", "hayat-tahrir-al-sham"),
        ("Jabhat al-Nusra", "hayat-tahrir-al-sham"),
        ("Nusra Front", "hayat-tahrir-al-sham"),
        ("Jabhat Fateh al-Sham", "hayat-tahrir-al-sham"),
        ("SNA", "syrian-national-army"),
        ("Syrian National Army", "syrian-national-army"),
        ("SDF", "syrian-democratic-forces"),
        ("YPG", "syrian-democratic-forces"),
        ("People's Protection Units", "syrian-democratic-forces"),
        ("PKK", "kurdistan-workers-party"),
        ("Kurdistan Workers' Party", "kurdistan-workers-party"),
        ("Kurdistan Workers’ Party", "kurdistan-workers-party"),
        ("ISIS", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("IS", "islamic-state"),
        ("Daesh", "islamic-state"),
        ("Islamic State group", "islamic-state"),
        ("Hizbullah", "hezbollah"),
        ("Hezbollah's", "hezbollah"),
        ("Ansar Allah", "houthis"),
        ("Houthis", "houthis"),
        ("Revolutionary Guards", "irgc"),
        ("IRGC", "irgc"),
        ("Quds Force", "quds-force"),
        ("Hashd al-Shaabi", "popular-mobilization-forces"),
        ("militia groups from Iraq", "iraqi-militias"),
        ("Iraqi militias", "iraqi-militias"),
        ("Shiite militias", "shia-militias"),
        ("Wagner Group", "wagner-group"),
        ("Africa Corps", "wagner-group"),
        ("RSF", "rapid-support-forces"),
        ("M23", "m23"),
        ("EU", "european-union"),
        ("European Union", "european-union"),
        ("UN", "united-nations"),
        ("U.N.", "united-nations"),
        ("United Nations", "united-nations"),
        ("Nato", "nato"),
        ("NATO", "nato"),
        ("White Helmets", "white-helmets"),
        ("Syrian transitional government", "syrian-transitional-government"),
        ("Syria's new authorities", "syrian-transitional-government"),
        ("Aleppo", "aleppo"),
        ("Tell Rifaat", "tal-rifaat"),
    ],
)
def test_lookup(catalog: ActorCatalog, text: str, actor_id: str) -> None:
    actor = catalog.lookup(text)
    assert actor is not None, text
    assert actor.id == actor_id


@pytest.mark.parametrize(
    "text",
    ["us", "is", "un", "eu", "sna", "the army", "army", "rebels", "turkey", "chad", "sake",
     "Turkish", "Kurdish", "Russians", "", "   ", "the", "Astana", "Victoria", "Kingston"],
)
def test_lookup_negative(catalog: ActorCatalog, text: str) -> None:
    assert catalog.lookup(text) is None


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Damascus", "damascus"),
        ("Aleppo", "aleppo"),
        ("Hama", "hama"),
        ("Idlib", "idlib"),
        ("Tal Rifaat", "tal-rifaat"),
        ("Tell Rifaat", "tal-rifaat"),
        ("Tal Rifat", "tal-rifaat"),
        ("Kuweires airbase", "kuweires-airbase"),
        ("Kweires", "kuweires-airbase"),
        ("Khmeimim", "hmeimim-airbase"),
        ("Khmeimim air base", "hmeimim-airbase"),
        ("Kweires military airbase", "kuweires-airbase"),
        ("Mazzeh military airport", "mezzeh-airbase"),
        ("Shayrat airfield", "shayrat-airbase"),
        ("Hmeimim airbase", "hmeimim-airbase"),
        ("Ayn al-Arab", "kobani"),
        ("Kobane", "kobani"),
        ("Maarat al-Nu'man", "maarat-al-numan"),
        ("Ma’arrat al-Nu’man", "maarat-al-numan"),
        ("Deir ez-Zor", "deir-ez-zor"),
        ("Deir el-Zor", "deir-ez-zor"),
        ("Albu Kamal", "bukamal"),
        ("Tadmur", "palmyra"),
        ("Suwayda", "sweida"),
        ("Al-Bab", "al-bab"),
        ("Nairab", "nairab-airport"),
        ("T4", "t4-airbase"),
        ("Kursk region", "kursk-oblast"),
        ("Gaza", "gaza-strip"),
        ("West Bank", "west-bank"),
        ("Goma", "goma"),
        ("El Fasher", "el-fasher"),
        ("Nagorno-Karabakh", "nagorno-karabakh"),
    ],
)
def test_lookup_place(catalog: ActorCatalog, text: str, place_id: str) -> None:
    place = catalog.lookup_place(text)
    assert place is not None, text
    assert place.id == place_id
    assert catalog.is_place(place_id)
    assert place.kind == "place"


def test_lookup_place_ignores_non_places(catalog: ActorCatalog) -> None:
    assert catalog.lookup_place("Russia") is None
    assert catalog.lookup_place("HTS") is None
    assert catalog.lookup_place("Sake") is not None
    assert catalog.lookup_place("sake") is None


@pytest.mark.parametrize(
    ("word", "country_id"),
    [
        ("Turkish", "turkey"),
        ("turkish", "turkey"),
        ("U.S.", "united-states"),
        ("US", "united-states"),
        ("American", "united-states"),
        ("Iranian", "iran"),
        ("Russian", "russia"),
        ("Russians", "russia"),
        ("Israeli", "israel"),
        ("British", "united-kingdom"),
        ("Emirati", "united-arab-emirates"),
        ("Saudi", "saudi-arabia"),
        ("Qatari", "qatar"),
        ("North Korean", "north-korea"),
        ("Syrian", "syria"),
        ("Iraqi", "iraq"),
        ("Lebanese", "lebanon"),
        ("Ukrainian", "ukraine"),
        ("Chinese", "china"),
        ("Palestinian", "palestine"),
        ("Congolese", "dr-congo"),
        ("Sudanese", "sudan"),
        ("South Sudanese", "south-sudan"),
    ],
)
def test_lookup_adjective(catalog: ActorCatalog, word: str, country_id: str) -> None:
    actor = catalog.lookup_adjective(word)
    assert actor is not None, word
    assert actor.id == country_id


@pytest.mark.parametrize("word", ["us", "Kurdish", "Arab", "Korean", "Persian", "Russia"])
def test_lookup_adjective_negative(catalog: ActorCatalog, word: str) -> None:
    assert catalog.lookup_adjective(word) is None


@pytest.mark.parametrize(
    ("text", "context", "actor_id"),
    [
        ("Turkish-backed rebels", set(), "syrian-national-army"),
        ("Turkish-backed forces", set(), "syrian-national-army"),
        ("Turkish‑backed rebel forces", set(), "syrian-national-army"),
        ("rebels", {"syria"}, "syrian-opposition"),
        ("the rebels", {"syria"}, "syrian-opposition"),
        ("Rebel groups", {"syria"}, "syrian-opposition"),
        ("anti-Assad forces", {"syria"}, "syrian-opposition"),
        ("opposition factions", {"syria"}, "syrian-opposition"),
        ("Islamist insurgents", {"syria"}, "syrian-opposition"),
        ("Kurdish forces", {"syria"}, "syrian-democratic-forces"),
        ("US-allied Kurdish forces", {"syria"}, "syrian-democratic-forces"),
        ("U.S.-allied Kurdish forces", {"syria"}, "syrian-democratic-forces"),
        ("government forces", {"syria"}, "syria"),
        ("Assad's forces", {"syria"}, "syria"),
        ("Assad’s forces", {"syria"}, "syria"),
        ("the army", {"syria"}, "syria"),
        ("pro-Assad militias", {"syria"}, "pro-assad-militias"),
        ("militia groups from Iraq", set(), "iraqi-militias"),
        ("Iran-backed militias", set(), "shia-militias"),
        ("rebels", {"m23"}, "m23"),
        ("Rwanda-backed rebels", set(), "m23"),
        ("the paramilitary", {"sudan"}, "rapid-support-forces"),
        ("the army", {"sudan"}, "sudanese-armed-forces"),
        ("the junta", {"myanmar"}, "tatmadaw"),
        ("the bloc", {"european-union"}, "european-union"),
        ("Yemeni rebels", {"yemen"}, "houthis"),
    ],
)
def test_lookup_generic(
    catalog: ActorCatalog, text: str, context: set[str], actor_id: str
) -> None:
    actor = catalog.lookup_generic(text, context)
    assert actor is not None, text
    assert actor.id == actor_id
    assert catalog.is_generic_phrase(text)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("rebels", set()),
        ("the army", set()),
        ("government forces", set()),
        ("Kurdish forces", set()),
        ("the bloc", {"syria"}),
        ("Russia", {"syria"}),
        ("forces", {"syria"}),
    ],
)
def test_lookup_generic_negative(catalog: ActorCatalog, text: str, context: set[str]) -> None:
    assert catalog.lookup_generic(text, context) is None


def test_expand_context_adds_countries_and_affiliations(catalog: ActorCatalog) -> None:
    context = catalog.expand_context({"aleppo", "sergei-lavrov"})
    assert {"aleppo", "syria", "sergei-lavrov", "russia"} <= context
    assert catalog.lookup_generic("rebels", catalog.expand_context({"aleppo"})).id == (
        "syrian-opposition"
    )


def test_accessors(catalog: ActorCatalog) -> None:
    lavrov = catalog.get("sergei-lavrov")
    assert lavrov.kind == "person"
    assert lavrov.affiliation == "russia"
    assert catalog.kind_of("russia") == "country"
    assert catalog.kind_of("hayat-tahrir-al-sham") == "armed_group"
    assert catalog.kind_of("united-nations") == "organisation"
    assert catalog.kind_of("syrian-transitional-government") == "government"
    assert catalog.kind_of("aleppo") == "place"
    assert catalog.kind_of("nowhere") is None
    assert catalog.get("irgc").affiliation == "iran"
    assert catalog.place_type("kuweires-airbase") == "base"
    assert catalog.country_of("tal-rifaat") == "syria"
    assert catalog.capital_of("russia") == "Moscow"
    assert "Jabhat al-Nusra" in catalog.former_names("hayat-tahrir-al-sham")
    assert "Jabhat al-Nusra" in catalog.get("hayat-tahrir-al-sham").aliases
    assert "Turkish" in catalog.adjectives("turkey")
    assert "Turkish" not in catalog.get("turkey").aliases
    assert catalog.find("nowhere") is None
    with pytest.raises(KeyError, match="nowhere"):
        catalog.get("nowhere")
    assert ActorCatalog.default() is catalog


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Kremlin", "Kremlin"),
        ("Hay’at Tahrir al‑Sham", "Hayat Tahrir al Sham"),
        ("Erdoğan’s", "Erdogan"),
        ("  Assad's  ", "Assad"),
        ("U.S.", "U.S."),
        ("Kurdistan Workers' Party", "Kurdistan Workers Party"),
    ],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


def test_is_acronym() -> None:
    assert is_acronym("US") and is_acronym("U.S.") and is_acronym("HTS") and is_acronym("IS")
    assert not is_acronym("Hamas") and not is_acronym("us") and not is_acronym("ABCDEF")


# --- data integrity --------------------------------------------------------------------


def test_counts(catalog: ActorCatalog) -> None:
    assert len(catalog.actors("country")) == 197
    assert len(catalog.actors("person")) >= 200
    assert len(catalog.actors("place")) >= 200
    assert len(catalog.actors()) == len(catalog)


def test_ids_and_kinds(catalog: ActorCatalog) -> None:
    ids = [a.id for a in catalog.actors()]
    assert len(ids) == len(set(ids))
    for actor in catalog.actors():
        assert SLUG.match(actor.id), actor.id
        assert actor.name.strip() == actor.name and actor.name, actor.id
        assert actor.kind in KIND_LABELS, actor.id
        assert all(isinstance(a, str) and a.strip() for a in actor.aliases), actor.id


def test_no_alias_denotes_two_actors(catalog: ActorCatalog) -> None:
    assert catalog.conflicts == []


def test_references_resolve(catalog: ActorCatalog) -> None:
    for actor in catalog.actors():
        if actor.kind == "place":
            country = catalog.country_of(actor.id)
            assert country is None or catalog.kind_of(country) == "country", actor.id
        elif actor.affiliation is not None:
            assert actor.affiliation in catalog, (actor.id, actor.affiliation)
            assert not catalog.is_place(actor.affiliation), actor.id
    for person in catalog.actors("person"):
        assert person.affiliation, person.id
    for actors in catalog._generic.values():
        for rule in actors:
            assert rule.actor_id in catalog, rule.actor_id
            assert all(c in catalog for c in rule.context), rule.context


def test_required_actors_present(catalog: ActorCatalog) -> None:
    for actor_id in [
        "syria", "russia", "iran", "turkey", "united-states", "israel", "qatar", "north-korea",
        "palestine", "kosovo", "taiwan", "vatican-city", "syrian-transitional-government",
        "syrian-opposition", "syrian-national-army", "syrian-democratic-forces",
        "iraqi-militias", "shia-militias", "hezbollah", "islamic-state", "european-union",
        "united-nations", "kurdistan-workers-party", "dmitry-peskov", "andrey-rudenko",
        "sergei-lavrov", "andrei-belousov", "abbas-araghchi", "ebrahim-raisi", "hakan-fidan",
        "tamim-bin-hamad-al-thani", "kim-jong-un", "aleppo", "hama", "idlib", "damascus",
        "tal-rifaat", "kuweires-airbase",
    ]:
        assert actor_id in catalog, actor_id


def test_token_patterns_follow_the_tokenizer(nlp: Language, catalog: ActorCatalog) -> None:
    for actor in catalog.actors():
        for form in (actor.name, *actor.aliases):
            if catalog.is_case_sensitive(form):
                assert name_tokens(form) == [t.text for t in nlp.make_doc(form)], form


def test_no_single_word_pattern_is_a_common_word(catalog: ActorCatalog) -> None:
    common = {"store", "sake", "turkey", "china", "chile", "guinea", "poles", "polish",
              "kiwis", "trump", "waltz", "gallant", "tyre", "sour", "duma", "bar", "army"}
    phrases = {
        p["pattern"].lower() for p in catalog.ruler_patterns() if isinstance(p["pattern"], str)
    }
    assert not phrases & common


def test_ruler_patterns_shape(catalog: ActorCatalog) -> None:
    patterns = catalog.ruler_patterns()
    assert patterns is catalog.ruler_patterns()  # cached
    labels = {"GPE", "PERSON", "ORG", "NORP", "LOC", "FAC"}
    seen = set()
    for p in patterns:
        assert p["label"] in labels
        assert p["id"] in catalog
        if isinstance(p["pattern"], str):
            key = p["pattern"].lower()
        else:
            assert all(set(t) == {"ORTH"} for t in p["pattern"])
            key = tuple(t["ORTH"] for t in p["pattern"])
        assert key not in seen, key
        seen.add(key)
    assert {"label": "GPE", "pattern": [{"ORTH": "US"}], "id": "united-states"} in patterns
    assert {"label": "NORP", "pattern": "Turkish", "id": "turkey"} in patterns


# --- the entity ruler in a real pipeline ----------------------------------------------


def _ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkish-backed rebels seized Tal Rifaat",
            [("Turkish-backed rebels", "ORG", "syrian-national-army"),
             ("Tal Rifaat", "GPE", "tal-rifaat")],
        ),
        (
            "U.S. Secretary of State Antony Blinken met Hakan Fidan in Ankara",
            [("U.S.", "GPE", "united-states"), ("Antony Blinken", "PERSON", "antony-blinken"),
             ("Hakan Fidan", "PERSON", "hakan-fidan"), ("Ankara", "GPE", "turkey")],
        ),
        (
            "Hay’at Tahrir al-Sham (HTS) fighters captured the Kweires airbase.",
            [("Hay’at Tahrir al-Sham", "ORG", "hayat-tahrir-al-sham"),
             ("HTS", "ORG", "hayat-tahrir-al-sham"),
             ("Kweires airbase", "FAC", "kuweires-airbase")],
        ),
        (
            "Erdoğan said Türkiye would push the YPG out of Manbij.",
            [("Erdoğan", "PERSON", "recep-tayyip-erdogan"), ("Türkiye", "GPE", "turkey"),
             ("YPG", "ORG", "syrian-democratic-forces"), ("Manbij", "GPE", "manbij")],
        ),
        (
            "The Kremlin said Putin spoke with Kim Jong Un in St. Petersburg.",
            [("Kremlin", "GPE", "russia"), ("Putin", "PERSON", "vladimir-putin"),
             ("Kim Jong Un", "PERSON", "kim-jong-un"),
             ("St. Petersburg", "GPE", "saint-petersburg")],
        ),
        (
            "Russian Foreign Minister Sergei Lavrov called Iranian Foreign Minister "
            "Abbas Araghchi.",
            [("Russian", "NORP", "russia"), ("Sergei Lavrov", "PERSON", "sergei-lavrov"),
             ("Iranian", "NORP", "iran"), ("Abbas Araghchi", "PERSON", "abbas-araghchi")],
        ),
        (
            "ISIS-K and the Islamic State group were condemned by the U.N. and the EU.",
            [("ISIS-K", "ORG", "islamic-state-khorasan"),
             ("Islamic State group", "ORG", "islamic-state"),
             ("U.N.", "ORG", "united-nations"), ("EU", "ORG", "european-union")],
        ),
    ],
)
def test_entity_ruler(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    ents = _ents(nlp, text)
    for ent in expected:
        assert ent in ents, (ent, ents)


@pytest.mark.parametrize(
    "text",
    [
        "Let us know if it is true, un-named sources said.",
        "For the sake of peace they ate turkey in China town.",
    ],
)
def test_entity_ruler_leaves_common_words(nlp: Language, text: str) -> None:
    ids = {e.ent_id_ for e in nlp(text).ents}
    assert not ids & {"united-states", "islamic-state", "united-nations", "sake", "turkey"}


def test_entity_ruler_generic_phrases(nlp: Language, catalog: ActorCatalog) -> None:
    doc = nlp(
        "Government forces pushed back rebel groups near Hama, as Kurdish forces held Manbij."
    )
    spans = {e.text: e for e in doc.ents}
    for text in ("Government forces", "rebel groups", "Kurdish forces"):
        assert text in spans, spans
        assert catalog.is_generic_phrase(text)
    context = catalog.expand_context(e.ent_id_ for e in doc.ents if e.ent_id_)
    assert catalog.lookup_generic("rebel groups", context).id == "syrian-opposition"
    assert catalog.lookup_generic("Kurdish forces", context).id == "syrian-democratic-forces"
