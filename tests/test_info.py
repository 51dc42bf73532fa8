"""`peptide-cli info`: the compound overview."""


def test_info_json_is_the_compound_object(run):
    compound = run.json("info", "--json")
    assert compound["id"] == "cerebrolysin"
    assert compound["name"] == "Cerebrolysin"
    assert compound["kind"] == "peptide-based nootropic"
    assert compound["source"] == "purified porcine (pig) brain proteins"
    assert compound["administration"]["routes"] == ["injection"]
    assert compound["use"] == {
        "status": ["prescription medicine", "off-label cognitive enhancer"],
        "regions": ["Europe", "Asia", "Latin America"],
        "indications": ["stroke recovery", "traumatic brain injury rehabilitation"],
    }
    assert "goals" not in compound
    assert "studies" not in compound
    assert len(compound["goal_ids"]) == 13


def test_info_json_gives_the_mg_per_ml_each_preparation_implies(run):
    preparations = run.json("info", "--json")["preparations"]
    assert preparations == [
        {
            "volume_ml": 5,
            "peptide_mg": 215,
            "mg_per_ml": 43.0,
            "mg_per_ml_derivation": "215 mg / 5 mL, computed by this tool; no source states it",
        },
        {
            "volume_ml": 30,
            "peptide_mg": 1290,
            "mg_per_ml": 43.0,
            "mg_per_ml_derivation": "1290 mg / 30 mL, computed by this tool; no source states it",
        },
    ]


def test_info_json_lists_the_three_mechanism_groups_and_their_targets(run):
    mechanisms = run.json("info", "--json")["mechanisms"]
    assert [(m["name"], m["targets"]) for m in mechanisms] == [
        ("Neurotrophic mimicry", ["BDNF", "NGF", "other neurotrophins"]),
        (
            "Neurodegeneration prevention",
            ["calpain", "amyloid precursor protein", "NMDA receptor", "glutamate"],
        ),
        ("Molecular signalling", ["CREB", "hippocampal neurogenesis"]),
    ]


def test_info_table_shows_preparations_and_mechanisms(run):
    result = run("info", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Cerebrolysin · peptide-based nootropic" in out
    assert "Given by: injection (the only route; the document describes no other form)" in out
    lines = [line.split() for line in out.splitlines()]
    assert ["5", "215", "43"] in lines
    assert ["30", "1290", "43"] in lines
    for name in ("Neurotrophic mimicry", "Neurodegeneration prevention", "Molecular signalling"):
        assert name in out
    assert "Targets: CREB, hippocampal neurogenesis" in out
