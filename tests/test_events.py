"""Events: triggers, arguments, factuality and precision traps, on real parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import analyze, nlp
from eventwire.actors import detect
from eventwire.events.extract import extract_events
from eventwire.events.ontology import PLOVER_TYPES, ontology
from eventwire.model import Article, Event

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "idlib-offensive.txt"


def events_of(text: str) -> list[Event]:
    article = Article(id="t", uri="test:", text=text, published="2018-09-01")
    doc = nlp.load()(text)
    article.actors = detect(doc, article)
    return extract_events(doc, article)


def countries(refs) -> set[str | None]:
    return {r.country for r in refs}


def test_ontology_covers_the_16_types_with_cameo_quad_and_goldstein() -> None:
    onto = ontology()
    assert set(onto.types) == set(PLOVER_TYPES)
    threat = onto.code("THREATEN", "violence")
    assert (threat.cameo, threat.quad_class, threat.goldstein) == ("138", 3, -6.0)
    assault = onto.code("ASSAULT", "aerial")
    assert (assault.cameo, assault.quad_class, assault.goldstein) == ("195", 4, -10.0)
    assert onto.code("CONSULT").quad_class == 1
    assert onto.code("AID").quad_class == 2
    assert onto.code("ASSAULT", "no-such-mode").mode is None


def test_asserted_assault_with_actor_and_recipient() -> None:
    (ev,) = [
        e
        for e in events_of("Israeli jets bombed Hamas positions in Gaza on Monday.")
        if e.plover == "ASSAULT"
    ]
    assert ev.factuality == "asserted"
    assert "ISR" in countries(ev.actors)
    assert "PSE" in countries(ev.recipients)
    assert ev.cameo.startswith("19") and ev.quad_class == 4
    assert ev.date == "2018-08-27"  # "on Monday" before publication on Saturday 2018-09-01
    assert 0.0 <= ev.confidence <= 1.0


def test_vowed_offensive_is_a_threat_by_both_vowing_actors() -> None:
    evs = events_of("Russia and Syria vowed a major offensive against the rebels in Idlib.")
    assert not any(e.plover == "ASSAULT" for e in evs)
    (threat,) = [e for e in evs if e.plover == "THREATEN"]
    assert threat.factuality == "threatened"
    assert {"RUS", "SYR"} <= countries(threat.actors)  # one event, compound actor
    assert any(r.sector == "REB" for r in threat.recipients)


def test_talks_noun_is_consult_between_both_parties() -> None:
    evs = events_of(
        "The Iranian foreign minister held talks with his Turkish counterpart in Ankara."
    )
    consult = [e for e in evs if e.plover == "CONSULT"]
    assert consult
    assert "IRN" in countries(consult[0].actors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said the rebels will attack the town.", {"reported", "threatened"}),
        ("If the talks fail, the army could attack the town.", {"hypothetical", "threatened"}),
        ("The army did not attack the town, officials said.", {"denied"}),
        ("The army plans to attack the town next week.", {"intended", "threatened"}),
    ],
)
def test_factuality(text: str, expected: set[str]) -> None:
    evs = [e for e in events_of(text) if e.plover in ("ASSAULT", "THREATEN")]
    assert evs, text
    assert evs[0].factuality in expected
    assert not any(e.plover == "ASSAULT" and e.factuality == "asserted" for e in evs)


def test_statement_span_makes_an_event_reported() -> None:
    from eventwire.model import Statement

    text = "Lavrov added that the rebels are attacking the Syrian army."
    article = Article(id="t", uri="test:", text=text)
    doc = nlp.load()(text)
    article.actors = detect(doc)
    start = text.index("the rebels")
    article.statements = [Statement(None, text[start:], False, start, len(text))]
    (ev,) = [e for e in extract_events(doc, article) if e.plover == "ASSAULT"]
    assert ev.factuality == "reported" and ev.statement == 0


def test_intent_to_cooperate_is_agree() -> None:
    evs = events_of("Finland will provide emergency food aid to Tanzania.")
    assert evs and evs[0].plover == "AGREE" and evs[0].cameo == "033"


@pytest.mark.parametrize(
    "text",
    [
        "England beat France 2-1 in the World Cup final, a decisive victory over France.",
        "Strong winds pushed a bushfire towards the town, destroying 40 homes.",
        "Two people were killed when a bus collided with a truck on the highway.",
        "The striker attacked the goal and shot wide in the second half of the match.",
        "The opposition leader attacked the government's budget plan in parliament.",
        "He suffered a heart attack on Sunday.",
        "The company launched an attack on its rivals' pricing strategy.",
        "Oil prices exploded after the announcement.",
        "The singer shot to fame in 2010.",
        "The senator fired back at critics on Twitter.",
        "Police said the driver killed two pedestrians when his car hit them.",
        "Heavy rains triggered floods that killed 30 people in Pakistan.",
    ],
)
def test_precision_traps_yield_no_violence(text: str) -> None:
    assert not [e for e in events_of(text) if e.plover in ("ASSAULT", "COERCE")], text


def test_user_patterns_extend_the_lexicon(tmp_path, monkeypatch) -> None:
    (tmp_path / "mine.yaml").write_text("verbs:\n  zap: ASSAULT:drone\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_EVENTS_DIR", str(tmp_path))
    evs = events_of("Syrian troops zapped the rebel base.")
    assert any(e.plover == "ASSAULT" and e.mode == "drone" for e in evs)


@pytest.fixture(scope="module")
def idlib() -> Article:
    if not SAMPLE.exists():
        pytest.skip(f"sample article not found at {SAMPLE} (../shared is absent)")
    return next(analyze(SAMPLE.read_text(encoding="utf-8")))


def test_idlib_threat_not_assault(idlib: Article) -> None:
    threats = [e for e in idlib.events if e.plover == "THREATEN"]
    assert any(
        {"RUS", "SYR"} <= countries(e.actors) and e.factuality == "threatened" for e in threats
    ), idlib.events
    assert not any(
        e.plover == "ASSAULT" and e.factuality == "asserted" and "Idlib" in e.sentence
        for e in idlib.events
    )


def test_idlib_consult_and_cooperate(idlib: Article) -> None:
    consult = [e for e in idlib.events if e.plover == "CONSULT"]
    assert any({"RUS", "SYR"} <= countries(e.actors) for e in consult)
    names = {a.name for e in consult for a in e.actors}
    assert "Sergei Lavrov" in names and "Walid al-Muallem" in names
    coop = [e for e in idlib.events if e.plover == "COOPERATE" and e.factuality == "asserted"]
    assert any(
        "TUR" in countries(e.actors) and any(a.sector == "REB" for a in e.actors) for e in coop
    )


def test_idlib_actors(idlib: Article) -> None:
    by_name = {a.name: a for a in idlib.actors}
    lavrov = by_name["Sergei Lavrov"]
    assert (lavrov.country, lavrov.sector, lavrov.title) == ("RUS", "GOV", "foreign minister")
    assert by_name["Walid al-Muallem"].country == "SYR"
    assert by_name["United Nations"].sector == "IGO"
    assert by_name["al-Nusra Front"].sector == "REB"
    assert by_name["Hayat Tahrir al-Sham"].sector == "REB"
    for name, iso3 in (("Russia", "RUS"), ("Syria", "SYR"), ("Turkey", "TUR"), ("Iran", "IRN")):
        assert by_name[name].country == iso3


def test_event_date_moves_to_the_named_day() -> None:
    (ev,) = [
        e
        for e in events_of("Israeli jets bombed Hamas positions in Gaza on Thursday.")
        if e.plover == "ASSAULT"
    ]
    assert ev.date == "2018-08-30"  # published Saturday 2018-09-01


def test_missile_into_the_sea_is_a_show_of_force_not_an_assault() -> None:
    evs = events_of("North Korea fired a ballistic missile into the sea off its east coast.")
    assert [e.plover for e in evs] == ["MOBILIZE"]
    assert evs[0].mode == "weapons" and "PRK" in countries(evs[0].actors)


def test_instrument_object_is_not_the_recipient() -> None:
    evs = events_of("Russia said it would retaliate if NATO deployed troops to Ukraine.")
    mobilize = [e for e in evs if e.plover == "MOBILIZE"]
    assert mobilize and countries(mobilize[0].recipients) == {"UKR"}
    assert mobilize[0].factuality == "hypothetical"
    threat = [e for e in evs if e.plover == "THREATEN"]
    assert threat and "RUS" in countries(threat[0].actors)


def test_must_in_a_reported_clause_is_a_request() -> None:
    evs = events_of("Russia said on Tuesday that Sudan must return the captured helicopter.")
    assert evs[0].plover == "REQUEST"
    assert countries(evs[0].actors) == {"RUS"} and countries(evs[0].recipients) == {"SDN"}


def test_recipient_named_in_the_phrase_of_a_non_actor_noun() -> None:
    evs = events_of("Israel lodged an official protest with Egypt.")
    assert evs and evs[0].plover == "ACCUSE"
    assert countries(evs[0].recipients) == {"EGY"}


def test_own_troops_are_not_the_recipient_of_a_withdrawal() -> None:
    # a reported "would withdraw" is a stated intent to yield: AGREE (CAMEO 035)
    evs = events_of("Syria said it would withdraw its troops from Lebanon.")
    retreat = [e for e in evs if e.plover in ("RETREAT", "AGREE")]
    assert retreat and countries(retreat[0].recipients) == {"LBN"}


def test_protest_targets_whom_its_demand_names() -> None:
    evs = events_of(
        "Thousands of students marched in Jakarta to demand the resignation of President Suharto."
    )
    protest = [e for e in evs if e.plover == "PROTEST"]
    assert protest and [r.name for r in protest[0].recipients] == ["Suharto"]
    assert countries(protest[0].actors) == {"IDN"} == countries(protest[0].recipients)


def test_role_noun_arguments_take_the_country_of_the_place() -> None:
    evs = events_of("Police fired tear gas at protesters in Nairobi on Tuesday.")
    assert evs[0].plover == "ASSAULT" and countries(evs[0].actors) == {"KEN"}


def test_fire_at_a_target_is_an_assault_into_the_air_is_not() -> None:
    evs = events_of("Israeli tanks fired four shells at targets in the town.")
    assert evs and evs[0].plover == "ASSAULT"
    evs = events_of("Soldiers fired into the air on Friday.")
    assert not [e for e in evs if e.plover == "ASSAULT" and e.factuality == "asserted"]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The president has reneged on his promise to hold elections.", "REJECT"),
        ("Police apprehended two suspects near the border.", "COERCE"),
        ("The court opened a hearing into the abuse of detainees.", "ACCUSE"),
        ("Gunmen slew four villagers overnight.", "ASSAULT"),
        ("Moscow cancelled the visit of the Japanese prime minister.", "SANCTION"),
        (
            "South Korea scrambled fighter jets after Russian bombers entered its air zone.",
            "MOBILIZE",
        ),
        ("The junta ignored calls for a return to civilian rule.", "REJECT"),
        ("Jordan and Iraq exchanged intelligence on smuggling networks.", "COOPERATE"),
        ("A French journalist was taken into custody by Iranian police.", "COERCE"),
        ("Parliament voted down the motion on Tuesday.", "REJECT"),
        ("Kenya and Ethiopia inked a security pact.", "SUPPORT"),
        ("Sweden flew emergency relief supplies to the flooded region.", "AID"),
        (
            "Azerbaijan called up reservists as fighting with Armenia entered a second day.",
            "MOBILIZE",
        ),
        ("The president bowed to donor and opposition pressure.", "CONCEDE"),
        ("Greece insisted that Turkey withdraw its survey ship.", "REQUEST"),
        ("Bangkok held Cambodian troops responsible for the clash.", "ACCUSE"),
        ("Militiamen hacked to death 30 villagers near Beni.", "ASSAULT"),
        ("Japan's defence minister condemned the launch.", "ACCUSE"),
        ("The opposition called a general strike for Monday.", "PROTEST"),
        ("Washington pushed for new sanctions against Pyongyang.", "REQUEST"),
        ("Britain called upon all sides to show restraint.", "REQUEST"),
    ],
)
def test_main_event_type(text: str, plover: str) -> None:
    evs = events_of(text)
    assert evs and evs[0].plover == plover


def test_a_shelled_place_is_a_recipient_coded_with_its_country() -> None:
    from eventwire.model import Place

    text = "Russian jets bombed Idlib on Tuesday."
    article = Article(id="t", uri="test:", text=text, published="2018-09-01")
    start = text.index("Idlib")
    article.places = [
        Place("Idlib", [[start, start + 5]], 169388, 35.93, 36.63, "P.PPLA", "SYR", None, 0.9)
    ]
    doc = nlp.load()(text)
    article.actors = detect(doc, article)
    evs = extract_events(doc, article)
    assert evs[0].plover == "ASSAULT" and countries(evs[0].recipients) == {"SYR"}
    assert not events_of(text)[0].recipients  # without the resolved place, no target is invented


def test_coming_out_to_protest_is_an_asserted_protest() -> None:
    evs = events_of("Thousands of people rallied in the capital to protest against the new tax.")
    assert [e.factuality for e in evs if e.plover == "PROTEST"][:1] == ["asserted"]
    evs = events_of("Students plan to gather next week to protest against the fees.")
    assert all(e.factuality != "asserted" for e in evs if e.plover == "PROTEST")


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        ("Rebel fighters retook the town on Thursday.", "ASSAULT", None),
        ("Rioters set fire to a police station.", "PROTEST", "riot"),
        ("The government threw out two Russian diplomats.", "SANCTION", "expel"),
    ],
)
def test_irregular_forms_and_phrasal_entries(text: str, plover: str, mode: str | None) -> None:
    evs = events_of(text)
    assert evs and evs[0].plover == plover and (mode is None or evs[0].mode == mode)


def test_who_comments_on_an_attack_did_not_carry_it_out() -> None:
    for text in (
        "France condemned the bombing of the market.",
        "The president expressed sorrow over the shootings in Texas.",
        "The embassy advised against travel after the shooting at the museum.",
    ):
        assert not [e for e in events_of(text) if e.plover == "ASSAULT" and e.actors], text
    evs = events_of("Rebels launched an attack on the army base.")
    assert evs[0].plover == "ASSAULT" and [a.sector for a in evs[0].actors] == ["REB"]
    evs = events_of("Italy announced a suspension of flights to Serbia.")
    assert evs[0].plover == "SANCTION" and countries(evs[0].actors) == {"ITA"}


def test_casualties_without_an_attacker_in_a_disaster_story_are_not_an_assault() -> None:
    from eventwire import analyze_one

    article = analyze_one(
        "Flash floods swept through three villages in northern Pakistan on Tuesday. "
        "Rescue teams worked through the night. At least 58 people were injured, officials said."
    )
    assert not [e for e in article.events if e.plover in ("ASSAULT", "COERCE")]

    attack = analyze_one(
        "Gunmen attacked a market in northern Nigeria on Tuesday. "
        "At least 12 people were killed when the gunmen opened fire on traders."
    )
    assert [e for e in attack.events if e.plover == "ASSAULT"]


def test_a_warning_about_someone_elses_plan_is_not_the_warners_threat() -> None:
    from eventwire import analyze_one

    reported = analyze_one(
        "Officials in Kyiv asked allies for more air defences, warning that Moscow plans a new "
        "offensive in the north-east."
    )
    threats = [e for e in reported.events if e.plover == "THREATEN"]
    assert not any("Officials" in [a.name for a in e.actors] for e in threats)
    assert not [e for e in reported.events if e.plover == "ASSAULT" and e.factuality == "asserted"]

    own = analyze_one("Hamas warned that it would attack Israeli towns if the blockade continued.")
    assert [(e.plover, [a.name for a in e.actors]) for e in own.events] == [("THREATEN", ["Hamas"])]


@pytest.mark.parametrize(
    ("text", "mode", "cameo_root"),
    [
        ("Gunmen killed five policemen in Kano on Sunday.", "firearms", "19"),
        ("Rebels fired rockets at the airport in the north.", "heavy-weapons", "19"),
        ("A drone killed three fighters near the border.", "drone", "19"),
        ("Israeli jets struck a house in Gaza.", "aerial", "19"),
        ("A roadside bomb killed two soldiers in Helmand.", "explosives", "18"),
    ],
)
def test_the_weapon_named_in_the_attack_sets_its_mode(
    text: str, mode: str, cameo_root: str
) -> None:
    ev = next(e for e in events_of(text) if e.plover == "ASSAULT")
    assert (ev.mode, ev.cameo[:2]) == (mode, cameo_root)


def test_a_weapon_elsewhere_in_the_sentence_does_not_set_the_mode() -> None:
    ev = next(
        e
        for e in events_of("Police arrested the suspect, who had bought rifles in Texas.")
        if e.plover == "COERCE"
    )
    assert ev.mode == "arrest"
    stab = events_of("The attacker killed two people at the station, police said.")
    assert stab[0].plover == "ASSAULT" and stab[0].mode is None


def test_asking_someone_else_to_act_is_a_request_but_wanting_to_act_is_not() -> None:
    evs = events_of("Obama wants Putin to attack Switzerland.")
    assert evs[0].plover == "REQUEST" and evs[0].cameo.startswith("02")
    assert countries(evs[0].actors) == {"USA"} and countries(evs[0].recipients) == {"RUS"}
    order = events_of("The president ordered the army to withdraw from the town.")
    assert order[0].plover == "REQUEST" and order[0].cameo.startswith("10")
    own = events_of("The rebels want to attack the city.")
    assert not [e for e in own if e.plover == "REQUEST"]


def test_a_main_verb_that_lost_its_subject_to_a_misparse_takes_the_actor_before_it() -> None:
    evs = events_of(
        "With the signing of a Memorandum of Understanding (MOU) on Cessation of Hostilities, the "
        "Sudanese government and SPLM/A have agreed to allow humanitarian access to all areas."
    )
    assert evs[0].plover == "AGREE" and "SDN" in countries(evs[0].actors)
    # a verb with its own subject is left alone
    evs = events_of("After talks with Egypt, Israel agreed to reopen the crossing.")
    assert evs[0].plover == "AGREE" and countries(evs[0].actors) == {"ISR"}


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Opposition parties staged a protest outside parliament.", "PROTEST"),
        ("Thousands of teachers went on strike on Monday to demand higher pay.", "PROTEST"),
        ("Protesters took to the streets of Khartoum after the coup.", "PROTEST"),
        ("Russian forces pulled back from the outskirts of Kyiv.", "RETREAT"),
        ("Serbia moved troops closer to the Kosovo boundary.", "MOBILIZE"),
        ("Azerbaijan put its army on high alert.", "MOBILIZE"),
        ("China staged large-scale military drills around Taiwan.", "MOBILIZE"),
        ("Canada banned imports of Russian oil.", "SANCTION"),
        ("The EU suspended budget support to Mali after the coup.", "SANCTION"),
        ("At least 12 people died when a bomb went off at a market in Mogadishu.", "ASSAULT"),
    ],
)
def test_common_news_phrasings(text: str, plover: str) -> None:
    evs = events_of(text)
    assert evs and evs[0].plover == plover, [(e.plover, e.mode) for e in evs]


def test_the_small_models_lemma_errors_are_fixed_at_load() -> None:
    doc = nlp.load()("Protesters staged a sit-in and the army retook the town.")
    assert {t.lower_: t.lemma_ for t in doc}["staged"] == "stage"
    assert {t.lower_: t.lemma_ for t in doc}["retook"] == "retake"


def test_threats_by_warning_and_state_coercion() -> None:
    warn = events_of("The Kremlin warned of consequences if Finland joins NATO.")
    assert warn[0].plover == "THREATEN" and countries(warn[0].actors) == {"RUS"}
    strait = events_of("Iran said it would close the Strait of Hormuz if attacked.")
    assert strait[0].plover == "THREATEN"
    # demolition by a state is coercion (CAMEO 17), by an armed group an assault
    evs = events_of("Israel demolished the homes of two Palestinian attackers.")
    assert evs[0].plover == "COERCE" and evs[0].cameo.startswith("17")
    evs = events_of("Rebels demolished the homes of two police officers.")
    assert evs[0].plover == "ASSAULT"
    evs = events_of("Russian diplomats were expelled by the United States on Monday.")
    assert evs[0].plover == "SANCTION" and evs[0].mode == "expel"


def test_a_reported_would_is_an_intent_and_a_conditional_one_an_offer() -> None:
    evs = events_of("Iraq said on Monday it would allow UN inspectors to return.")
    assert evs[0].plover == "AGREE" and evs[0].cameo.startswith("03")
    assert evs[0].factuality != "hypothetical"
    # "would ... if": a conditional offer, still an expressed intent (CAMEO 03), hypothetical
    cond = events_of("Iraq said it would allow UN inspectors to return if sanctions were lifted.")
    assert cond[0].plover == "AGREE" and cond[0].factuality == "hypothetical"
    meet = events_of(
        "The rebel leaders said they would meet the UN mediator if he gave them a veto."
    )
    assert meet[0].plover == "AGREE" and meet[0].cameo == "036"


def test_collective_nouns_take_their_countries_from_modifiers_or_the_last_named_pair() -> None:
    evs = events_of(
        "The Turkish and Greek sides of the divided island have agreed to share information."
    )
    assert evs[0].plover == "AGREE" and countries(evs[0].actors) == {"TUR", "GRC"}
    evs = events_of(
        "Ethiopia and Eritrea fought a war over the border town of Badme. "
        "On Monday the two countries signed a peace agreement in Algiers."
    )
    signed = [e for e in evs if e.start > 60]
    assert signed and countries(signed[0].actors) == {"ETH", "ERI"}
    # one country named before "the two countries" is not a pair
    evs = events_of("Kenya hosted the talks. The two countries signed a peace agreement.")
    assert not [e for e in evs if e.start > 20 and "KEN" in countries(e.actors)]


def test_taking_a_town_is_an_assault_taking_a_thing_is_a_seizure() -> None:
    evs = events_of("Government forces seized control of the coastal city of Shoqra.")
    assert evs[0].plover == "ASSAULT" and evs[0].cameo == "192"
    evs = events_of("Rebel fighters seized the provincial capital on Sunday.")
    assert evs[0].plover == "ASSAULT" and evs[0].cameo == "192"
    evs = events_of("Police seized control of the stolen truck.")
    assert evs[0].plover == "COERCE"


def test_a_landmine_death_is_an_assault_but_a_road_crash_is_not() -> None:
    evs = events_of("Six soldiers were killed on Tuesday when their vehicle hit a landmine.")
    assert [e for e in evs if e.plover == "ASSAULT"]
    evs = events_of("Six people were killed on Tuesday when their car hit a truck.")
    assert not [e for e in evs if e.plover == "ASSAULT"]


def test_refusing_permission_and_presenting_evidence() -> None:
    evs = events_of("Obama said he would not give permission to Russia to help Israel.")
    assert evs[0].plover == "REJECT" and countries(evs[0].recipients) == {"RUS"}
    evs = events_of("The United States presented evidence against Russia.")
    assert evs[0].plover == "ACCUSE" and countries(evs[0].recipients) == {"RUS"}


def test_joint_drills_are_cooperation_and_peacekeepers_are_aid() -> None:
    evs = events_of("French and Egyptian warships launched ten days of war games in the sea.")
    assert evs[0].plover == "COOPERATE" and countries(evs[0].actors) >= {"FRA", "EGY"}
    evs = events_of("China staged military drills around Taiwan.")
    assert evs[0].plover == "MOBILIZE" and countries(evs[0].actors) == {"CHN"}
    evs = events_of("Bangladesh sent 800 peacekeepers to Sierra Leone.")
    assert evs[0].plover == "AID" and evs[0].cameo == "074"
    evs = events_of("Russia sent 800 troops to the border.")
    assert evs[0].plover == "MOBILIZE"


def test_ordering_a_newspaper_to_stop_is_censorship() -> None:
    evs = events_of("The government ordered the opposition newspaper to suspend publication.")
    assert evs[0].plover == "COERCE" and evs[0].mode == "censor"


def test_a_kidnapping_or_gunfire_in_a_story_that_names_a_car_or_fire_is_still_an_attack() -> None:
    evs = events_of(
        "Two Filipina women were kidnapped on a road near Kirkuk when their car broke down."
    )
    assert [e for e in evs if e.plover == "ASSAULT" and e.mode == "abduct"]
    assert {r.country for e in evs for r in e.recipients} == {"PHL"}
    evs = events_of("Dozens of people were injured as security forces fired rubber bullets.")
    assert [e for e in evs if e.plover == "ASSAULT"]
    assert not events_of("Six people died when their car crashed into a truck.")


def test_a_definite_event_noun_points_back_to_the_doers_of_the_latest_event() -> None:
    evs = events_of(
        "Russian forces shelled Kharkiv overnight, killing four civilians. "
        "Ukraine's foreign ministry condemned the attack and called on the United Nations to act."
    )
    accuse = next(e for e in evs if e.plover == "ACCUSE")
    assert countries(accuse.recipients) == {"RUS"}  # not the UN of the coordinated request
    # an indefinite noun points back to nothing
    evs = events_of(
        "Russian forces shelled Kharkiv overnight. Ukraine's foreign ministry condemned attacks."
    )
    assert not [r for e in evs if e.plover == "ACCUSE" for r in e.recipients]


def test_the_two_sides_are_the_parties_of_the_articles_first_two_sided_event() -> None:
    evs = events_of(
        "The Sudanese army and the Rapid Support Forces agreed to a truce in Nairobi. "
        "Kenyan President William Ruto hosted the talks. "
        "The two sides will return to Nairobi in April to negotiate a ceasefire."
    )
    later = [e for e in evs if e.start > 120]
    assert later and {a.name for a in later[0].actors} >= {"Rapid Support Forces"}
    assert "KEN" not in countries(later[0].actors)


def test_the_source_of_a_report_is_not_a_victim() -> None:
    evs = events_of(
        "Gunmen attacked a village near Mopti on Wednesday, killing 12 people, "
        "according to local officials."
    )
    assert evs and not [r for e in evs for r in e.recipients if "officials" in r.name]


def test_receiving_makes_the_source_the_giver() -> None:
    evs = events_of("Ukraine received ten tanks from Germany.")
    assert evs[0].plover == "AID"
    assert countries(evs[0].actors) == {"DEU"} and countries(evs[0].recipients) == {"UKR"}


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        (
            "Hundreds of Kashmiris defied a curfew on Friday to protest against the killing.",
            "PROTEST",
        ),
        ("Iran defied the UN ban on enrichment.", "REJECT"),
        ("The last Russian troops left Estonia on Wednesday.", "RETREAT"),
        ("The Commonwealth suspended Nigeria after the executions.", "SANCTION"),
        ("Opposition supporters clashed with riot police in Dhaka.", "PROTEST"),
        ("Indonesian troops completed their pullout from East Timor.", "RETREAT"),
    ],
)
def test_wire_phrasings(text: str, plover: str) -> None:
    evs = events_of(text)
    assert evs and evs[0].plover == plover, [(e.plover, e.mode) for e in evs]


def test_leaving_is_a_withdrawal_only_for_armed_forces() -> None:
    assert not [
        e for e in events_of("The minister left Paris on Wednesday.") if e.plover == "RETREAT"
    ]


def test_an_event_noun_that_describes_a_thing_is_no_event() -> None:
    evs = events_of("Riot police stood outside the parliament building.")
    assert not [e for e in evs if e.plover == "PROTEST"]
    evs = events_of(
        "Qatar's emir launched a mediation effort between the Emirates and Saudi Arabia."
    )
    assert evs and evs[0].plover == "CONSULT"


def test_a_participle_toll_is_part_of_the_attack_it_follows() -> None:
    evs = events_of(
        "Russian forces shelled residential districts of Kharkiv overnight, killing four "
        "civilians and wounding at least 17 others."
    )
    assaults = [e for e in evs if e.plover == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].mode == "heavy-weapons"
    assert "civilians" in [r.name for r in assaults[0].recipients]


def test_a_wave_of_strikes_can_kill_and_a_cause_does_not_carry_out_what_it_sparks() -> None:
    evs = events_of(
        "A wave of air strikes on rebel-held areas of Aleppo killed dozens of civilians."
    )
    assert [e for e in evs if e.plover == "ASSAULT"]
    assert not [
        e for e in events_of("A wave of cold weather killed dozens.") if e.plover == "ASSAULT"
    ]
    evs = events_of(
        "The arrest of opposition leader Alexei Navalny sparked protests across Russia."
    )
    assert not [a for e in evs if e.plover == "PROTEST" for a in e.actors if "Navalny" in a.name]


def test_a_meeting_cancelled_rejected_or_welcomed_did_not_take_place_by_that_actor() -> None:
    for text, plover in (
        ("Moscow cancelled the meeting with the US envoy.", "SANCTION"),
        ("Iraq rejected talks with Iran.", "REJECT"),
        ("The UN welcomed the ceasefire.", "SUPPORT"),
    ):
        evs = events_of(text)
        assert [e.plover for e in evs] == [plover], text
    held = events_of("The two delegations held talks in Geneva.")
    assert [e.plover for e in held] == ["CONSULT"]


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        ("Iran expressed readiness to resume talks with the European Union.", "AGREE", None),
        ("The Arab states boycotted the summit in Cairo.", "SANCTION", "discontinue"),
        ("Students boycotted classes at the university.", "PROTEST", "boycott"),
        ("The United States reduced its forces in Germany.", "RETREAT", "withdraw"),
        ("Police stepped up security in the capital ahead of the vote.", "MOBILIZE", "police"),
    ],
)
def test_cameo_categories_news_often_uses(text: str, plover: str, mode: str | None) -> None:
    evs = events_of(text)
    assert evs and (evs[0].plover, evs[0].mode) == (plover, mode)


@pytest.mark.parametrize(
    ("text", "plover", "cameo"),
    [
        ("A court in Cairo found the former president guilty of corruption.", "ACCUSE", "116"),
        ("The opposition rallied support for the strike.", "SUPPORT", "053"),
        ("Sudan expelled foreign aid agencies from Darfur.", "SANCTION", "166"),
        ("The Palestinian delegation walked out of the talks in Washington.", "SANCTION", "164"),
        ("Thousands of nurses walked out on Monday over pay.", "PROTEST", "143"),
        ("The government received a team of UN inspectors.", "RETREAT", "086"),
    ],
)
def test_cameo_codebook_categories(text: str, plover: str, cameo: str) -> None:
    evs = events_of(text)
    assert evs and (evs[0].plover, evs[0].cameo) == (plover, cameo), [
        (e.plover, e.cameo) for e in evs
    ]


def test_a_renewed_demand_and_a_misparsed_speaker_still_make_a_request() -> None:
    evs = events_of(
        "The International Labour Organization reiterated its demand that Israel ease "
        "restrictions on Palestinian workers."
    )
    assert evs[0].plover == "REQUEST" and countries(evs[0].recipients) == {"ISR"}
    assert evs[0].cameo == "105"  # demand that the target yields
    evs = events_of(
        "The Red Cross operating in Iraq said US forces must ensure security in the city."
    )
    assert evs[0].plover == "REQUEST" and countries(evs[0].recipients) == {"USA"}


def test_preparing_an_attack_is_a_show_of_force_and_an_announced_sanction_is_a_sanction() -> None:
    evs = events_of("The Macedonian army prepared to resume shelling rebel-held territory.")
    assert evs[0].plover == "MOBILIZE"
    evs = events_of("The United States announced it would prohibit all aid to the rebels.")
    assert evs[0].plover == "SANCTION"
    evs = events_of("Russia said it would cut gas supplies to Ukraine.")
    assert evs[0].plover == "THREATEN"


def test_destroying_weapons_is_disruption_and_protesters_turning_violent_riot() -> None:
    evs = events_of("Security forces destroyed 342 mines and 288 explosive devices in the north.")
    assert evs[0].plover == "COERCE" and evs[0].mode == "seize"
    assert events_of("Rebels destroyed the bridge.")[0].plover == "ASSAULT"
    evs = events_of("Protesters turned violent in Hamburg on Friday.")
    assert evs[0].plover == "PROTEST" and evs[0].mode == "riot"
    assert not events_of("The weather turned ugly in Hamburg on Friday.")


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The king agreed to the demonstrators' demand for a new constitution.", "CONCEDE"),
        ("Authorities ended the curfew in Srinagar after two weeks.", "CONCEDE"),
        ("The army allowed a UN convoy carrying food to enter the besieged city.", "RETREAT"),
        ("Jordan and Israel held joint military exercises.", "COOPERATE"),
        ("Iran raised the alert level of its armed forces.", "MOBILIZE"),
    ],
)
def test_more_codebook_phrasings(text: str, plover: str) -> None:
    evs = events_of(text)
    assert evs and evs[0].plover == plover, [(e.plover, e.mode) for e in evs]


def test_a_participle_that_describes_a_noun_reports_no_event() -> None:
    evs = events_of("Aid workers reached the besieged city on Monday.")
    assert not [e for e in evs if e.plover == "COERCE"]


def test_coordinated_parties_all_count() -> None:
    evs = events_of(
        "Al-Qaeda has threatened to deliver devastating blows to the United States and Israel."
    )
    assert countries(evs[0].recipients) == {"USA", "ISR"}
    evs = events_of("The Red Cross said US and British forces must ensure security.")
    assert countries(evs[0].recipients) >= {"USA", "GBR"}
    evs = events_of(
        "Qatar's emir, Sheikh Hamad bin Khalifa al-Thani, launched a mediation effort on "
        "Saturday between the Emirates and Saudi Arabia."
    )
    assert evs[0].plover == "CONSULT" and countries(evs[0].recipients) == {"ARE", "SAU"}
    evs = events_of("Talks between Israel and Syria resumed in Washington.")
    assert countries(evs[0].actors) == {"ISR", "SYR"}


def test_a_protest_about_an_act_is_a_complaint_and_current_armed_groups_are_known() -> None:
    evs = events_of("Seoul protested the missile launch.")
    assert evs[0].plover == "ACCUSE" and countries(evs[0].actors) == {"KOR"}
    evs = events_of("The Tigray People's Liberation Front attacked Amhara.")
    assert evs[0].plover == "ASSAULT" and countries(evs[0].actors) == {"ETH"}


def test_a_charge_by_police_is_legal_action_and_by_a_state_an_accusation() -> None:
    evs = events_of("Police charged the opposition leader with treason.")
    assert (evs[0].plover, evs[0].cameo) == ("COERCE", "173")
    evs = events_of("Iran charged the United States with aggression.")
    assert evs[0].plover == "ACCUSE" and countries(evs[0].recipients) == {"USA"}


def test_an_attack_nobody_is_named_for_is_an_unidentified_group_of_the_place() -> None:
    bombing = next(
        analyze("A roadside bomb exploded near Kandahar on Sunday, killing two soldiers.")
    )
    attack = next(e for e in bombing.events if e.plover == "ASSAULT")
    assert [(a.name, a.country, a.sector) for a in attack.actors] == [
        ("unidentified armed group", "AFG", "UAF")
    ]
    named = next(analyze("Taliban fighters attacked a checkpoint near Kandahar on Sunday."))
    attack = next(e for e in named.events if e.plover == "ASSAULT")
    assert "unidentified armed group" not in {a.name for a in attack.actors}


def test_a_protest_nobody_is_named_for_is_by_protesters_of_the_place() -> None:
    rally = next(analyze("Thousands rallied in Tbilisi against the new law on Saturday."))
    protest = next(e for e in rally.events if e.plover == "PROTEST")
    assert [(a.name, a.country) for a in protest.actors] == [("protesters", "GEO")]


def test_a_protest_by_a_crowd_needs_no_verb_to_hold_it() -> None:
    evs = events_of("A protest by thousands of teachers paralysed central Santiago on Monday.")
    assert evs and evs[0].plover == "PROTEST" and evs[0].actors[0].sector == "EDU"
    assert not [e for e in events_of("A protest by France was delivered.") if e.plover == "PROTEST"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("An air strike by Syrian government forces killed 29 Turkish soldiers.", "SYR"),
        ("Three Israeli soldiers were killed in an ambush by Hezbollah guerrillas.", "LBN"),
    ],
)
def test_the_doers_of_an_event_noun_are_the_doers_of_the_killing(text: str, country: str) -> None:
    attack = events_of(text)[0]
    assert attack.plover == "ASSAULT" and countries(attack.actors) == {country}


def test_a_gerund_tagged_as_a_verb_still_names_the_fighting() -> None:
    evs = events_of("Fighting between the Sudanese army and rebels raged in Khartoum on Monday.")
    assert evs and evs[0].plover == "ASSAULT" and "SDN" in countries(evs[0].actors)


def test_the_accused_is_the_doer_of_what_they_are_accused_of() -> None:
    evs = events_of("Rwanda accused Uganda of backing rebel militias.")
    assert (evs[0].plover, countries(evs[0].recipients)) == ("ACCUSE", {"UGA"})
    backing = next(e for e in evs if e.plover == "SUPPORT")
    assert countries(backing.actors) == {"UGA"}


def test_the_one_warned_is_the_recipient_of_the_threat() -> None:
    ev = events_of("Trump warned Iran it would face severe consequences if it attacked US forces.")
    assert ev[0].plover == "THREATEN" and countries(ev[0].recipients) == {"IRN"}


def test_the_means_is_not_read_from_what_describes_the_target() -> None:
    ev = events_of("Riot police fired tear gas at stone-throwing youths in Srinagar.")[0]
    assert (ev.plover, ev.mode) == ("ASSAULT", "crowd-control")
    seized = events_of("Kidnappers seized 30 students from a school in Kaduna.")[0]
    assert (seized.plover, seized.mode) == ("ASSAULT", "abduct")


def test_own_forces_are_the_means_of_a_mobilization_not_its_target() -> None:
    text = "India rushed thousands of additional troops to Ladakh amid a standoff with China."
    ev = next(analyze(text)).events
    assert ev[0].plover == "MOBILIZE"
    assert not [r for r in ev[0].recipients if r.sector == "MIL" or r.country == "IND"]


def test_a_clause_of_circumstance_is_not_what_a_verb_asks_for() -> None:
    ev = events_of("Israel called up 300,000 reservists as it prepared for a ground offensive.")
    assert ev[0].plover == "MOBILIZE" and not [e for e in ev if e.plover == "REQUEST"]


def test_a_participle_of_saying_speaks_for_the_subject_it_hangs_on() -> None:
    ev = events_of("North Korea vowed revenge, saying it would strike its enemies.")
    threat = next(e for e in ev if e.plover == "THREATEN")
    assert countries(threat.actors) == {"PRK"}


def test_an_agreement_asked_for_is_not_an_agreement() -> None:
    evs = events_of("Saudi Arabia and the United States pressed both sides to agree to a truce.")
    assert [e.plover for e in evs] == ["REQUEST"]


def test_a_refusal_made_of_a_negation_is_stated_not_denied() -> None:
    ev = events_of("The army chief will never sit down with the rebel commander.")[0]
    assert (ev.plover, ev.factuality) == ("REJECT", "asserted")


def test_an_unnamed_attack_in_a_story_of_one_attacker_is_theirs() -> None:
    story = next(
        analyze(
            "Russian forces shelled Kharkiv overnight, officials said.\n\n"
            "Missiles struck two apartment blocks in the city's north."
        )
    )
    second = [e for e in story.events if e.plover == "ASSAULT"][-1]
    assert countries(second.actors) == {"RUS"}
    two_sides = next(
        analyze(
            "Russian forces shelled Kharkiv overnight.\n\nUkrainian troops shelled Belgorod.\n\n"
            "Missiles struck two apartment blocks in Kharkiv."
        )
    )
    last = [e for e in two_sides.events if e.plover == "ASSAULT"][-1]
    assert "RUS" not in countries(last.actors) or "UKR" in countries(last.actors)


def test_a_dateline_is_not_the_subject() -> None:
    ev = events_of("NAIROBI, June 25 (AP) - Kenyan police fired tear gas at protesters.")[0]
    assert ev.actors[0].sector == "COP"


def test_forces_sent_to_rescue_bring_aid_and_floods_are_no_battle() -> None:
    ev = events_of("The army deployed helicopters to evacuate stranded tourists in the valley.")[0]
    assert (ev.plover, ev.cameo) == ("AID", "073")
    flood = events_of("Floods killed 47 people as rescuers battled to reach cut-off villages.")
    assert not [e for e in flood if e.plover == "ASSAULT"]


def test_where_a_country_is_named_as_actor_is_not_where_it_happened() -> None:
    story = next(analyze("Hungary lifted its objection after talks with the European Commission."))
    assert all(e.place is None or e.place.name != "Hungary" for e in story.events)
    riot = next(analyze("Riots erupted in Senegal's capital after the verdict."))
    assert riot.events and riot.events[0].actors[0].country == "SEN"


def test_rape_is_lemmatized_and_a_promise_needs_its_to() -> None:
    ev = events_of("Soldiers raped at least six women in the village.")[0]
    assert (ev.plover, ev.mode) == ("ASSAULT", "sexual")
    assert not [
        e
        for e in events_of("Soldiers who commit acts of rape will be punished.")
        if e.plover == "AGREE"
    ]


def test_naming_is_not_asking() -> None:
    assert not events_of("North Korea calls the drills a rehearsal for invasion.")


def test_a_place_before_an_attack_noun_is_its_target_when_someone_launches_it() -> None:
    ev = events_of("The army could launch a Syria incursion any night.")[0]
    assert [a.name for a in ev.actors] == ["army"] and countries(ev.recipients) == {"SYR"}
    us = events_of("US airstrikes killed 12 militants in Somalia.")[0]
    assert countries(us.actors) == {"USA"}


def test_a_coordinated_passive_acts_on_the_first_verbs_subject() -> None:
    # "were arrested and released": the second participle is passive with the same patient
    events = events_of("Five activists were detained, beaten and later released.")
    by_mode = {e.mode: [r.name for r in e.recipients] for e in events}
    assert set(by_mode) == {"arrest", "beat", "release"}
    assert all(names == ["activists"] for names in by_mode.values())
    repelled = events_of("Rebels attacked the base and were repelled by the army.")
    assert any(
        [a.name for a in e.actors] == ["army"] and [r.name for r in e.recipients] == ["Rebels"]
        for e in repelled
    )


def test_a_reduced_relative_parsed_as_the_root_is_not_the_main_verb() -> None:
    events = events_of(
        "The civilians imprisoned for acting against Moscow were released by Putin himself"
    )
    release = next(e for e in events if e.mode == "release")
    assert [a.name for a in release.actors] == ["Putin"]
    assert [r.name for r in release.recipients] == ["civilians"]
    assert all("civilians" not in [a.name for a in e.actors] for e in events)


def test_two_violent_acts_on_the_same_people_are_two_events() -> None:
    modes = {e.mode for e in events_of("Eight civilians were abducted and shot dead by gunmen.")}
    assert modes == {"abduct", "firearms"}


def test_a_side_saying_another_did_harm_accuses_it() -> None:
    said = events_of("Israel said Hamas fired rockets at Tel Aviv.")
    assert said[0].plover == "ASSAULT" and said[0].factuality == "reported"
    charge = next(e for e in said if e.plover == "ACCUSE")
    assert (charge.cameo, countries(charge.actors), countries(charge.recipients)) == (
        "112",
        {"ISR"},
        {"PSE"},
    )


@pytest.mark.parametrize(
    "text",
    [
        "Syrian state media said insurgents shelled Aleppo.",  # a news agency reports
        "Residents said the army shelled the village.",  # a witness reports
        "The U.S. Central Command said US jets struck an Islamic State target.",  # its own side
        "Ukraine said Russia could attack Kyiv.",  # not said to have happened
        "Rebels attacked the town on Monday, Israel said.",  # a source named after the fact
    ],
)
def test_reporting_harm_is_not_always_an_accusation(text: str) -> None:
    assert all(e.plover != "ACCUSE" for e in events_of(text))


def test_a_judging_adjective_does_not_deny_the_clause_it_holds() -> None:
    ev = events_of("Moscow said it is not acceptable that the rebels attacked the Syrian army.")
    attack = next(e for e in ev if e.plover == "ASSAULT")
    assert attack.factuality == "reported"


def test_what_one_is_accused_of_is_a_charge_not_a_fact() -> None:
    ev = events_of("Russian troops were accused of looting homes in Bucha.")
    assert ev and all(e.factuality == "reported" for e in ev if e.plover == "ASSAULT")


def test_those_who_investigate_an_attack_did_not_make_it() -> None:
    ev = events_of("The UN launched an investigation into the massacre.")
    assert [e.plover for e in ev] == ["ACCUSE"]


def test_traded_accusations_is_one_accusation_by_both() -> None:
    ev = events_of("Armenia and Azerbaijan traded accusations over the shelling.")[0]
    assert (ev.plover, countries(ev.actors)) == ("ACCUSE", {"ARM", "AZE"})
    granted = events_of("The president granted amnesty to political prisoners.")[0]
    assert [r.name for r in granted.recipients] == ["prisoners"]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("The president hopes to meet the rebel leaders next month.", "036"),
        ("Obama wants to improve relations with Cuba.", "032"),
        ("France plans to supply helicopters to Egypt.", "033"),
        ("Egypt invited Israeli and Palestinian negotiators to Cairo.", "036"),
    ],
)
def test_stated_intents_to_cooperate(text: str, cameo: str) -> None:
    ev = events_of(text)[0]
    assert (ev.plover, ev.cameo) == ("AGREE", cameo)


def test_a_compass_region_is_placed_only_in_a_country_the_story_names() -> None:
    bare = events_of("Separatists in the South attacked an army post.")[0]
    assert countries(bare.actors) == {None}
    named = events_of("Cameroon's army said separatists in the South attacked an army post.")[0]
    assert countries(named.actors) == {"CMR"}


def test_a_named_state_is_a_territory_not_a_government() -> None:
    ev = events_of("Boko Haram fighters attacked a village in Borno state, killing 20 people.")[0]
    assert all(r.sector != "GOV" for r in ev.recipients)


def test_an_order_to_leave_is_an_expulsion() -> None:
    ev = events_of("The junta ordered French troops to leave Niger.")[0]
    assert (ev.plover, ev.mode, countries(ev.recipients)) == ("SANCTION", "expel", {"FRA"})


def test_the_clause_of_an_accusation_noun_is_reported() -> None:
    ev = events_of("Moscow defended Damascus against accusations that it had used nerve gas.")
    assert ev[0].cameo == "052"
    assert all(e.factuality == "reported" for e in ev if e.plover == "ASSAULT")


def test_each_coordinated_country_names_its_own_troops() -> None:
    ev = events_of("Ethiopian and Eritrean troops clashed along the border near Badme.")[0]
    assert [(a.name, a.country) for a in ev.actors] == [
        ("Ethiopian troops", "ETH"),
        ("Eritrean troops", "ERI"),
    ]


def test_who_claims_an_attack_is_its_doer_not_an_accuser() -> None:
    ev = events_of("The Islamic State claimed responsibility for the suicide bombing in Kabul.")
    assert [(e.plover, e.factuality) for e in ev] == [("ASSAULT", "reported")]
    assert [a.name for a in ev[0].actors] == ["Islamic State"]
    denied = events_of("The Taliban denied responsibility for the attack on the school.")[0]
    assert (denied.factuality, [a.name for a in denied.actors]) == ("denied", ["Taliban"])


def test_condolences_are_cameos_empathetic_comment() -> None:
    ev = events_of("Chile's president expressed condolences to the families of the victims.")[0]
    assert (ev.plover, ev.cameo) == ("SUPPORT", "018")


@pytest.mark.parametrize(
    ("text", "plover", "actors"),
    [
        ("Pakistan expels Indian diplomat over spying", "SANCTION", {"PAK"}),
        ("Iran, Saudi Arabia agree to restore ties", "AGREE", {"IRN", "SAU"}),
        ("Georgian students rally against foreign agents law", "PROTEST", {"GEO"}),
    ],
)
def test_headlines(text: str, plover: str, actors: set[str]) -> None:
    ev = events_of(text)[0]
    assert (ev.plover, countries(ev.actors)) == (plover, actors)


def test_who_backs_a_group_is_not_its_country() -> None:
    ev = events_of("The rebels, backed by Rwanda, captured the town of Bunagana.")
    captured = next(e for e in ev if e.plover == "ASSAULT")
    assert countries(captured.actors) != {"RWA"}


def test_weapons_of_mass_destruction_by_kind_beside_a_weapon_only() -> None:
    used = events_of("Syrian government forces used chemical weapons against civilians.")[0]
    assert (used.plover, used.mode) == ("ASSAULT", "unconventional")
    plant = events_of("Rebels attacked the nuclear power plant.")[0]
    assert plant.mode != "unconventional"
    suspected = events_of("A suspected chemical attack killed dozens of people in Douma.")
    assert suspected and all(e.factuality == "reported" for e in suspected)


def test_lifting_a_siege_is_not_also_a_siege() -> None:
    assert [(e.plover, e.cameo) for e in events_of("The army lifted the siege of the town.")] == [
        ("RETREAT", "0872")
    ]


def test_the_suspect_is_the_doer_of_what_they_are_suspected_of() -> None:
    ev = events_of("Soldiers beat villagers suspected of helping the rebels.")
    helped = next(e for e in ev if e.plover == "AID")
    assert ([a.name for a in helped.actors], helped.factuality) == (["villagers"], "reported")


@pytest.mark.parametrize(
    ("text", "mode", "actor"),
    [
        ("Seven people were wounded when a grenade exploded in the market.", "explosives", None),
        (
            "Protesters were injured as police fired rubber bullets and tear gas.",
            "crowd-control",
            "police",
        ),
    ],
)
def test_a_clause_of_time_tells_how_the_harm_was_done(
    text: str, mode: str, actor: str | None
) -> None:
    ev = events_of(text)
    assert len([e for e in ev if e.plover == "ASSAULT"]) == 1
    assert ev[0].mode == mode and ev[0].recipients
    if actor:
        assert [a.name for a in ev[0].actors] == [actor]


def test_two_sides_in_clauses_of_time_stay_two_attacks() -> None:
    ev = events_of("Residents fought back after soldiers had shot at protesters.")
    doers = {a.name for e in ev if e.plover == "ASSAULT" for a in e.actors}
    assert {"Residents", "soldiers"} <= doers


def test_a_violent_demonstration_is_a_riot() -> None:
    ugly = events_of("There were ugly protests in Caracas after demonstrators clashed with police.")
    assert {e.mode for e in ugly if e.plover == "PROTEST"} == {"riot"}
    calm = events_of("Thousands of protesters marched peacefully in Paris.")[0]
    assert (calm.plover, calm.mode) == ("PROTEST", "demo")


def test_a_named_owner_makes_an_event_noun_happen() -> None:
    ev = events_of("Russia's expulsion of 20 Czech diplomats deepened the crisis.")[0]
    assert (ev.plover, ev.mode, countries(ev.actors)) == ("SANCTION", "expel", {"RUS"})


def test_what_a_video_shows_was_not_released() -> None:
    assert not events_of("The Taliban released a video of the captured soldiers.")
    bodies = events_of("Hezbollah released the bodies of two Israeli soldiers.")[0]
    assert (bodies.plover, countries(bodies.recipients)) == ("RETREAT", {"ISR"})


def test_a_state_of_emergency_is_not_a_government() -> None:
    ev = events_of("The government declared a state of emergency in the province.")[0]
    assert (ev.plover, ev.recipients) == ("COERCE", [])


def test_new_event_nouns_and_verbs() -> None:
    annexed = events_of("Russia annexed Crimea in 2014.")[0]
    assert (annexed.plover, annexed.cameo) == ("COERCE", "192")
    killing = events_of("The killing of three protesters by police sparked outrage.")[0]
    assert (killing.plover, [a.name for a in killing.actors]) == ("ASSAULT", ["police"])
    armed = events_of("British instructors trained Ukrainian soldiers.")[0]
    assert (armed.plover, armed.cameo) == ("AID", "072")


def test_what_a_crowd_protests_against_was_not_done_by_it() -> None:
    ev = events_of("Hundreds of Kashmiris rallied to protest against the killing of a leader.")
    assert ev[0].plover == "PROTEST"
    assert all(not e.actors for e in ev if e.plover == "ASSAULT")


def test_meeting_to_discuss_is_a_consultation_not_an_intent() -> None:
    ev = events_of("The two foreign ministers met in Geneva to discuss the crisis.")
    assert [(e.plover, e.factuality) for e in ev] == [("CONSULT", "asserted")]


def test_a_side_saying_its_own_forces_could_strike_threatens() -> None:
    own = events_of("Israel's defence minister said the army may strike Iran's nuclear sites.")[0]
    assert (own.plover, own.factuality) == ("THREATEN", "threatened")
    other = events_of("Ukraine said Russia could attack Kyiv.")[0]
    assert (other.plover, other.factuality) == ("ASSAULT", "hypothetical")


def test_forces_of_two_countries_acting_jointly_cooperate_first() -> None:
    ev = events_of("Colombian and Ecuadorean police jointly dismantled a cocaine network.")
    assert [e.plover for e in ev][:2] == ["COOPERATE", "COERCE"]
    assert countries(ev[0].actors) == {"COL", "ECU"} and ev[0].cameo == "062"
    alone = events_of("US and British warplanes struck air defence sites near Baghdad.")
    assert [e.plover for e in alone] == ["ASSAULT"]


def test_a_curfew_lifted_with_no_one_named_is_lifted_by_the_authorities() -> None:
    lifted = next(analyze("The curfew in Srinagar was lifted on Saturday after a week of unrest."))
    ev = lifted.events[0]
    assert ev.plover == "CONCEDE"
    assert [(a.name, a.country, a.sector) for a in ev.actors] == [("authorities", "IND", "GOV")]


def test_landing_troops_and_resumed_deliveries() -> None:
    landed = events_of("Australian-led peacekeepers landed in East Timor to restore order.")[0]
    assert (landed.plover, landed.cameo) == ("AID", "074")
    assert not events_of("The plane landed in Kabul.")
    resumed = events_of("Russia resumed gas deliveries to Ukraine on Friday.")[0]
    assert (resumed.plover, countries(resumed.recipients)) == ("COOPERATE", {"UKR"})


def test_the_subject_of_a_passive_is_the_doer_of_its_infinitive() -> None:
    [aid] = [e for e in events_of("Germany is expected to send aid to Ukraine.") if e.plover]
    assert countries(aid.actors) == {"DEU"} and "UKR" in countries(aid.recipients)


def test_an_attack_that_kills_is_the_killing() -> None:
    [ev] = events_of("Shelling by government forces killed five people in Aleppo.")
    assert (ev.plover, ev.mode) == ("ASSAULT", "heavy-weapons")
    assert [a.name for a in ev.actors] == ["government forces"]
    [ev] = events_of("The bombing by al Qaeda killed 200 people.")
    assert ev.mode == "explosives" and [a.name for a in ev.actors] == ["al-Qaeda"]
    # what was bombed did not bomb
    [ev] = events_of("The bombing of the embassy killed 200 people.")
    assert ev.mode == "explosives" and all("embassy" not in a.name for a in ev.actors)


def test_weapons_of_mass_destruction_get_cameo_codes_by_kind() -> None:
    [ev] = events_of("The United States dropped an atomic bomb on Hiroshima.")
    assert (ev.mode, ev.cameo) == ("unconventional", "2042")
    [ev] = events_of("The regime used chemical weapons against rebels near Damascus.")
    assert (ev.mode, ev.cameo) == ("unconventional", "2041")


def test_restricted_trade_is_a_sanction_and_a_ban_is_not_done_by_who_bans() -> None:
    [ev] = events_of("Japan restricted exports of chemicals to South Korea.")
    assert (ev.plover, ev.cameo) == ("SANCTION", "163") and "KOR" in countries(ev.recipients)
    evs = events_of("The government imposed a ban on protests.")
    assert not [e for e in evs if e.plover == "PROTEST" and e.actors]


def test_condolences_sent_are_sympathy() -> None:
    [ev] = events_of("Germany sent condolences to the families of the victims.")
    assert (ev.plover, ev.cameo) == ("SUPPORT", "018")


def test_a_name_split_by_the_parser_keeps_its_conjunct() -> None:
    evs = events_of("Barack Obama and Vladimir Putin will meet in Zurich next week.")
    assert {a.name for a in evs[0].actors} == {"Barack Obama", "Vladimir Putin"}


@pytest.mark.parametrize(
    ("text", "coding", "doer"),
    [
        ("Gunmen held three journalists in a cave.", ("ASSAULT", "abduct"), None),
        ("Police held the activists for three days.", ("COERCE", "arrest"), None),
        ("Rabat hinted it could cut diplomatic ties with Sweden.", ("THREATEN", None), "MAR"),
    ],
)
def test_who_holds_people_and_hints_at_cuts(
    text: str, coding: tuple[str, str | None], doer: str | None
) -> None:
    ev = events_of(text)[0]
    assert ev.plover == coding[0] and (coding[1] is None or ev.mode == coding[1])
    assert doer is None or doer in countries(ev.actors)


@pytest.mark.parametrize(
    "text",
    [
        "Iran said it was ready for talks with Washington.",
        "Turkey vowed to support Azerbaijan.",
        "The government said it was prepared to open a dialogue with the rebels.",
    ],
)
def test_readiness_and_vows_to_cooperate_are_intents(text: str) -> None:
    ev = events_of(text)[0]
    assert (ev.plover, ev.factuality) == ("AGREE", "intended") and ev.cameo.startswith("03")
    assert ev.actors


def test_seeking_closer_ties_is_a_will_to_cooperate() -> None:
    ev = events_of("China seeks closer ties with Vietnam.")[0]
    assert (ev.plover, ev.cameo) == ("AGREE", "030") and countries(ev.actors) == {"CHN"}
    ev = events_of("Iran sought help from the United Nations.")[0]
    assert ev.plover == "REQUEST"
