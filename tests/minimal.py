"""A small valid claims file (test data: an invented compound) and ways to break it."""

# Line numbers matter: tests name the line and column of each problem.
MINIMAL = """\
schema_version: 1
tier_scale:
  - {tier: 1, label: None, meaning: Nothing found.}
  - {tier: 2, label: Some, meaning: Something found.}
  - {tier: 3, label: Much, meaning: Much found.}
compounds:
  - id: testium
    name: Testium
    kind: invented test compound
    summary: Test data, not a real compound.
    source: a test
    composition: nothing
    administration: {routes: [oral]}
    goals:
      - id: focus
        name: Focus
        aliases: [attention]
        tier: 2
        summary: Test goal.
        studies: [trial-one]
      - id: calm
        name: Calm
        aliases: [relaxation]
        tier: 1
        summary: Another test goal.
    studies:
      - id: trial-one
        label: Trial One
        design: rct
        species: human
        population: test subjects
        n: 10
        outcomes:
          - measure: Score
            effect_type: mean-difference
            value: 1.5
            unit: points
            ci: {low: 0.5, high: 2.5, level: 0.95}
            p: {relation: "<", value: 0.05}
"""


def edit(old: str, new: str, text: str = MINIMAL) -> str:
    """TEXT with OLD (which must occur exactly once) replaced by NEW."""
    assert text.count(old) == 1, old
    return text.replace(old, new)
