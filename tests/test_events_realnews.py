"""Events stage on constructions of real news: appeals, orders, charges, investigations,
bans, ultimatums, and attack nouns whose doer is a possessive or a passive's agent."""

from __future__ import annotations

from newsevents.records import Event
from newsevents.stages.events import code_sentence


def coded(text: str, spec: dict[str, list[str]]) -> list[tuple[str, str, tuple[str, ...],
                                                            tuple[str, ...]]]:
    return [(e.type, e.cameo, e.source, e.target) for e in code_sentence(text, spec)]


def types(events: tuple[Event, ...]) -> set[str]:
    return {e.type for e in events}


def test_calling_for_anything_is_an_appeal() -> None:
    spec = {"person:ana-ruiz": ["Ana Ruiz"], "RUS": ["Russia"]}
    assert coded("Ana Ruiz called for new elections.", spec) == [
        ("REQUEST", "020", ("person:ana-ruiz",), ())]
    ev = coded("Ana Ruiz called for Russia to withdraw.", spec)
    assert ev[0] == ("REQUEST", "020", ("person:ana-ruiz",), ("RUS",)), ev
    # The specific objects keep their finer codes.
    assert coded("Ana Ruiz called for a ceasefire.", spec)[0][1] == "0256"


def test_two_coordinated_appositives_between_a_subject_and_its_verb() -> None:
    spec = {"person:ana-ruiz": ["Ana Ruiz"], "org:tide-party": ["Tide Party"]}
    ev = coded("Ana Ruiz, leader of the union, and a former Tide Party minister, called for a "
               "general strike.", spec)
    assert ev == [("REQUEST", "020", ("person:ana-ruiz",), ())], ev


def test_sending_instructions_or_orders_is_a_demand() -> None:
    spec = {"ESP:GOV": ["the interior minister", "city authorities"]}
    ev = coded("Later the interior minister, Ana Ruiz, sent instructions for city authorities "
               "to tighten security.", spec)
    assert ev == [("REQUEST", "100", ("ESP:GOV",), ("ESP:GOV",))] or ev == [
        ("REQUEST", "100", ("ESP:GOV",), ())], ev
    spec = {"person:ana-ruiz": ["Ana Ruiz"], "ESP:MIL": ["the army"]}
    ev = coded("Ana Ruiz issued orders to the army to leave the square.", spec)
    assert ev[0] == ("REQUEST", "100", ("person:ana-ruiz",), ("ESP:MIL",)), ev


def test_ordering_someone_held_is_detention() -> None:
    spec = {"person:ana-ruiz": ["Judge Ana Ruiz"], "person:tom-bell": ["Tom Bell"]}
    ev = coded("Judge Ana Ruiz ordered Tom Bell held until trial.", spec)
    assert ev == [("COERCE", "173", ("person:ana-ruiz",), ("person:tom-bell",))], ev
    # An order to act is still a demand.
    ev = coded("Judge Ana Ruiz ordered Tom Bell to pay a fine.", spec)
    assert ev[0][:2] == ("REQUEST", "100"), ev


def test_indictments_and_charges_are_accusations_of_crime() -> None:
    spec = {"person:tom-bell": ["Tom Bell"], "USA:JUD": ["federal prosecutors"]}
    ev = code_sentence("Tom Bell was indicted by federal prosecutors.", spec)
    assert [(e.type, e.cameo, e.mode, e.source, e.target) for e in ev] == [
        ("ACCUSE", "1121", "allege", ("USA:JUD",), ("person:tom-bell",))], ev
    ev = code_sentence("Tom Bell was charged with fraud.", spec)
    assert [(e.type, e.target) for e in ev] == [("ACCUSE", ("person:tom-bell",))], ev
    assert types(code_sentence("Federal prosecutors are prosecuting Tom Bell.", spec)) == {
        "ACCUSE"}


def test_an_authority_announcing_an_investigation_opened_it() -> None:
    spec = {"FRA": ["France"], "person:ana-ruiz": ["Ana Ruiz"]}
    ev = coded("France's chief prosecutor, Ana Ruiz, said an investigation has been opened "
               "into the fire.", spec)
    assert ev == [("ACCUSE", "090", ("FRA",), ())], ev
    ev = coded("Ana Ruiz announced that an inquiry was launched.", spec)
    assert ev == [("ACCUSE", "090", ("person:ana-ruiz",), ())], ev


def test_an_ultimatum_given_to_the_subject_of_a_passive() -> None:
    spec = {"ESP:LAB": ["the workers"]}
    ev = coded("On Monday the workers were given an ultimatum by their managers.", spec)
    assert ev == [("THREATEN", "139", (), ("ESP:LAB",))], ev


def test_a_ban_on_protests_restricts_freedoms_and_is_no_protest() -> None:
    spec = {"ESP:GOV": ["the government"], "RUS": ["Russia"]}
    ev = coded("On Friday the government imposed a ban on public gatherings and protests.", spec)
    assert ev == [("COERCE", "1721", ("ESP:GOV",), ())], ev
    ev = coded("Then the government imposed a ban on Russia.", spec)
    assert ev == [("COERCE", "172", ("ESP:GOV",), ("RUS",))], ev


def test_a_possessive_names_who_carried_out_a_bombing() -> None:
    spec = {"armed_group:red-front": ["Red Front"]}
    ev = coded("The Red Front's bombing of the city caused chaos.", spec)
    assert ev == [("ASSAULT", "183", ("armed_group:red-front",), ())], ev
    # A weak non-attack noun with a possessive is still no event ("treaty obligations").
    spec = {"THA": ["Thailand"]}
    assert coded("Thailand's investigation continues.", spec) == []


def test_a_passive_light_verb_names_a_nominal_triggers_doer() -> None:
    spec = {"armed_group:red-front": ["Red Front"], "ESP": ["Spain"]}
    ev = coded("The attack is widely believed to have been carried out by the armed group "
               "Red Front.", spec)
    assert ev == [("ASSAULT", "190", ("armed_group:red-front",), ())], ev
    ev = coded("Spain said the attack on the market was claimed by Red Front.", spec)
    assert ev == [("ASSAULT", "190", ("armed_group:red-front",), ())], ev
    # The participle of another noun ("an operation conducted by") is that noun's doer.
    ev = coded("The attack followed an operation conducted by Spain.", spec)
    assert ev == [], ev


def test_a_date_is_no_sports_score() -> None:
    spec = {"igo:NATO": ["NATO"]}
    ev = coded("On 2015-12-21 a bomber blew himself up, killing six NATO soldiers.", spec)
    assert [e[0] for e in ev] == ["ASSAULT"], ev
    assert coded("NATO beat the home side 3-1, killing their hopes.", spec) == []


def test_a_name_in_apposition_with_the_doer_noun_of_an_attack() -> None:
    spec = {"person:tom-bell": ["Tom Bell"], "armed_group:red-front": ["Red Front"]}
    ev = coded("Tom Bell, the bomber behind the suicide bombing, was seen on camera.", spec)
    assert ev == [("ASSAULT", "1831", ("person:tom-bell",), ())], ev
    ev = coded("Police named Red Front, the group responsible for the attack on the market.", spec)
    assert ev == [("ASSAULT", "190", ("armed_group:red-front",), ())], ev
    # Another noun in apposition ("the country of the attack") names no doer.
    assert coded("Tom Bell, the mayor of the town, spoke after the bombing.", spec) == []


def test_a_mobile_phone_is_no_phone_call() -> None:
    spec = {"ESP:CRM": ["smugglers"], "FRA": ["France"]}
    assert coded("Later smugglers carried mobile phones into France.", spec) == []
    ev = coded("Later smugglers phoned France.", spec)
    assert [e[0] for e in ev] == ["CONSULT"], ev
