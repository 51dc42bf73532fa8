"""Absolute effects and information sizes from counts: the arithmetic behind GRADE 6's
imprecision and the Summary of findings' "anticipated absolute effects".

Each interval method is a closed-form, published one, named in the output: Newcombe's hybrid
score interval for a risk difference (Newcombe 1998, method 10, built on Wilson's score
interval), Altman's interval for a number needed to treat (BMJ 1998), and the optimal
information size of GRADE 6 (a conventional two-group sample size for a relative risk
reduction, alpha and power). The tests check each against statsmodels, which the tool does not
load at run time: these few lines cost nothing, statsmodels about a second.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

Z = 1.9599639845400536  # the normal quantile of a 95% interval: NormalDist().inv_cdf(0.975)
RD_METHOD = "Newcombe's hybrid score interval (method 10)"
NNT_METHOD = "from the risk difference's interval (Altman 1998)"

RRR = 0.25
"""The relative risk reduction the optimal information size is worked out for: a conventional
choice for a trial powered to show an important effect (GRADE 6; the methodologist's review,
M5a)."""
ALPHA, POWER = 0.05, 0.8
Z_POWER = 0.8416212335729144  # the normal quantile of POWER: NormalDist().inv_cdf(0.8)


class Risks(NamedTuple):
    """The events and totals of a treated group and its comparator."""

    events: int
    total: int
    control_events: int
    control_total: int

    @property
    def risk(self) -> float:
        return self.events / self.total

    @property
    def control_risk(self) -> float:
        return self.control_events / self.control_total


def wilson(events: int, total: int) -> tuple[float, float]:
    """Wilson's score interval for EVENTS of TOTAL."""
    p = events / total
    z2 = Z * Z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = Z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    return centre - half, centre + half


def risk_difference(risks: Risks) -> tuple[float, float, float]:
    """The treated group's risk minus the comparator's, with Newcombe's 95% interval."""
    p1, p2 = risks.risk, risks.control_risk
    l1, u1 = wilson(risks.events, risks.total)
    l2, u2 = wilson(risks.control_events, risks.control_total)
    d = p1 - p2
    return d, d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


def optimal_information_size(control_risk: float, rrr: float = RRR) -> int:
    """Participants (both groups) a single trial needs to show a relative risk reduction of
    RRR from CONTROL_RISK, at two-sided ALPHA and POWER (GRADE 6's optimal information size)."""
    p1, p2 = control_risk, control_risk * (1 - rrr)
    z = Z + Z_POWER  # the normal quantiles of 1 - ALPHA / 2 and of POWER
    per_group = z * z * (p1 * (1 - p1) + p2 * (1 - p2)) / (p1 - p2) ** 2
    return 2 * math.ceil(per_group)


def absolute(risks: Risks, better: str | None) -> dict[str, Any]:
    """The absolute effect of RISKS: the difference in percentage points with its interval, and
    the number needed to treat for one more good (or bad) outcome, with Altman's interval."""
    d, low, high = risk_difference(risks)
    found: dict[str, Any] = {
        "kind": "risk-difference",
        "risk": round(risks.risk * 100, 1),
        "control_risk": round(risks.control_risk * 100, 1),
        "value": round(d * 100, 1),
        "ci_low": round(low * 100, 1),
        "ci_high": round(high * 100, 1),
        "method": RD_METHOD,
    }
    if d != 0 and better is not None:
        good = d < 0 if better == "lower" else d > 0
        found["nnt"] = {
            "kind": "benefit" if good else "harm",
            "value": math.ceil(1 / abs(d)),
            **_nnt_interval(low, high, better),
            "method": NNT_METHOD,
        }
    return found


def _nnt_interval(low: float, high: float, better: str) -> dict[str, Any]:
    """Altman's interval: the reciprocals of the difference's ends; where the interval includes
    no difference, it runs from a number needed to treat for benefit, through infinity, to one
    for harm."""

    def inverse(x: float) -> float | None:
        return None if x == 0 else round(1 / abs(x), 1)

    benefit_end, harm_end = (low, high) if better == "lower" else (high, low)
    if low <= 0 <= high:
        return {
            "bounded": False,
            "benefit_from": inverse(benefit_end),
            "harm_from": inverse(harm_end),
        }
    near, far = sorted((abs(low), abs(high)), reverse=True)
    return {"bounded": True, "ci_low": inverse(near), "ci_high": inverse(far)}


def anticipated(control_risk: float, kind: str, ratio: float) -> float:
    """The risk with the treatment that a RATIO of KIND implies at CONTROL_RISK (Cochrane
    Handbook 14.1.5: risk ratio, odds ratio, and a hazard ratio as 1 - (1 - risk) ^ HR)."""
    if kind == "risk-ratio":
        return control_risk * ratio
    if kind == "odds-ratio":
        return ratio * control_risk / (1 - control_risk + ratio * control_risk)
    if kind == "hazard-ratio":
        return 1 - (1 - control_risk) ** ratio
    raise ValueError(kind)


def per_thousand(
    control_risk: float, kind: str, value: float, low: float | None, high: float | None
) -> dict[str, Any]:
    """A ratio's anticipated absolute effect per 1,000 people at CONTROL_RISK: the risk with
    the comparator and with the treatment, and the difference with its interval."""
    base = round(control_risk * 1000)
    treated = round(anticipated(control_risk, kind, value) * 1000)
    ends = [
        round(anticipated(control_risk, kind, end) * 1000) - base
        for end in (low, high)
        if end is not None
    ]
    return {
        "kind": "per-1000",
        "control": base,
        "treated": treated,
        "difference": treated - base,
        "ci_low": min(ends) if len(ends) == 2 else None,
        "ci_high": max(ends) if len(ends) == 2 else None,
    }
