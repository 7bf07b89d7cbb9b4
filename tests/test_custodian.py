"""Those freed from a state's jails were freed by that state, when the sentence names no one freeing them."""
from test_coding import code


def releases(text):
    return [([a.code for a in m.actor], [a.code for a in m.recipient]) for m in code(text) if m.event == "RETREAT"]


def test_freed_from_a_states_jails_names_the_releaser():
    assert releases("The minister said that nine Chileans had been set free from Peruvian jails.") == [
        (["PER"], ["CHL"])]
    assert releases("Twelve Togolese fishermen were released from Ghana's prisons on Monday.") == [
        (["GHA"], ["TGO"])]


def test_a_named_releaser_or_an_unowned_place_is_kept():
    # the doer named stays the doer; a jail with no state gives none
    assert releases("Peru freed nine Chileans from a jail near the border on Monday.") == [(["PER"], ["CHL"])]
    assert all("PER" not in a for a, _ in releases("Nine Chileans were set free from a mountain camp on Monday."))


def test_barring_ones_own_carriers_from_flying_to_a_state_sanctions_it():
    # (in tests/test_custodian.py for want of a room: a ban's target is where the barred travel goes)
    codes = [([a.code for a in m.actor], [a.code for a in m.recipient]) for m in
             code("Chile banned its airlines from flying to Peru on Monday.") if m.event == "SANCTION"]
    assert codes == [(["CHL"], ["PER"])]
    assert not [m for m in code("Chile banned its airlines from flying old planes on Monday.") if m.event == "SANCTION"]
