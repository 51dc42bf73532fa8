"""The MCP server (`peptide-cli mcp`): read-only tools and resources over stdio, on the official
Python SDK.

Every tool calls `answers`, which calls the evidence API the command line uses. An error a
caller can cause (an unknown goal, an ambiguous name, a tier off the scale) comes back as a
tool error worded as the command line words it; the server goes on serving. The catalog is
read and checked by the command before the server starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from peptide_cli import __version__
from peptide_cli.assistant import answers
from peptide_cli.errors import CompoundNeeded, PeptideCliError

if TYPE_CHECKING:
    from collections.abc import Callable

    from mcp.server.mcpserver import MCPServer

    from peptide_cli.catalog.history import Changelog
    from peptide_cli.catalog.models import Catalog

T = TypeVar("T")

INSTRUCTIONS = """\
Evidence behind peptides' health claims, from a curated catalog: for each compound and health
goal, an evidence tier (1 No Evidence to 4 Established Efficacy), the certainty of each outcome
(a rule-based pre-assessment, not a GRADE panel's rating), every study's figures with their
confidence intervals, flags that warn where the evidence is weak or the source departs from its
publication, harms and regulatory status. When you answer a person, keep the tier, the
certainty, the flags and the `not_shown` sentence with any figure you quote, and cite the study
and publication. This is not medical advice."""


def words(error: PeptideCliError) -> str:
    """ERROR in the command line's words, with the argument that resolves it named for a tool."""
    if isinstance(error, CompoundNeeded):
        return f"{error}; choose one with the compound argument"
    return str(error)


def plain_words(error: Any) -> str:
    """A pydantic ValidationError about a tool's arguments as one plain sentence per problem,
    naming the argument, what it must be, and what was given."""
    said = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "the arguments"
        must = problem["msg"].removeprefix("Input should be ").removeprefix("Value error, ")
        if problem["type"] == "missing":
            said.append(f"{where} is required")
        else:
            said.append(f"{where} must be {must}, not {problem['input']!r}")
    return "; ".join(said)


def strict(server_class: type[MCPServer[Any]]) -> type[MCPServer[Any]]:
    """SERVER_CLASS whose tools refuse an argument they do not take (`additionalProperties:
    false` in each tool's input schema, and a tool error naming it, where the SDK would drop
    it), word a bad argument in one plain sentence, and answer in compact JSON."""
    import difflib
    import json

    from mcp.server.mcpserver.exceptions import ToolError
    from mcp.types import CallToolResult, TextContent
    from pydantic import ValidationError

    class Strict(server_class):  # type: ignore[misc,valid-type]
        async def list_tools(self) -> list[Any]:
            listed = await super().list_tools()
            for tool in listed:
                tool.input_schema = {**tool.input_schema, "additionalProperties": False}
            return listed

        async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
            tools = {tool.name: tool for tool in await super().list_tools()}
            if name in tools:
                takes = list(tools[name].input_schema.get("properties", {}))
                for given in arguments:
                    if given not in takes:
                        close = difflib.get_close_matches(given, takes, n=1)
                        hint = f"; did you mean {close[0]!r}?" if close else ""
                        listed = ", ".join(takes) or "none"
                        raise ToolError(
                            f"Error executing tool {name}: unknown argument {given!r}"
                            f"{hint} It takes: {listed}."
                        )
            try:
                result = await super().call_tool(name, arguments, context)
            except ToolError as error:
                if isinstance(error.__cause__, ValidationError):
                    words = plain_words(error.__cause__)
                    raise ToolError(f"Error executing tool {name}: {words}") from None
                raise
            if isinstance(result, CallToolResult):
                result.content = [_compact(part) for part in result.content]
            return result

    def _compact(part: Any) -> Any:
        if not isinstance(part, TextContent):
            return part
        try:
            value = json.loads(part.text)
        except ValueError:
            return part
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return TextContent(type="text", text=text)

    return Strict


def build(catalog: Catalog, changelog: Changelog | None = None) -> MCPServer[Any]:
    """The server over CATALOG, read and checked before it starts, and its CHANGELOG (the
    data releases `whats_new` lists; None: the catalog has none)."""
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError
    from mcp.types import ToolAnnotations

    def answer(make: Callable[[Catalog], T]) -> T:
        try:
            return make(catalog)
        except PeptideCliError as error:
            raise ToolError(words(error)) from None

    server: MCPServer[Any] = strict(MCPServer)(
        "peptide-cli", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING"
    )
    read_only = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)

    @server.tool(
        description="List every compound in the catalog: what kind of compound it is, how it "
        "is given, how many goals and studies it has, its highest evidence tier and its "
        "regulatory status in brief. Start here to learn what the catalog covers.",
        annotations=read_only,
    )
    def list_compounds() -> answers.CompoundList:
        return answer(answers.compounds)

    @server.tool(
        description="List health goals (claims such as 'stroke recovery' or 'weight "
        "management') with their evidence tier, certainty, study counts and flag codes. "
        "Optional: compound (an id or name, e.g. 'semaglutide'), min_tier and max_tier (tiers "
        "1-4; a range such as 2-3 counts by its lower bound), detail (true for every field). "
        "Then call get_goal for the figures.",
        annotations=read_only,
    )
    def list_goals(
        compound: str | None = None,
        min_tier: int | None = None,
        max_tier: int | None = None,
        detail: bool = False,
    ) -> answers.GoalList:
        return answer(lambda c: answers.goals(c, compound, min_tier, max_tier, detail))

    @server.tool(
        description="Get one health goal with the evidence behind it: its tier (stated by a "
        "source, or computed by the tool's rules), certainty, summary, limitations, flags, "
        "a sentence on what the evidence does not show (`not_shown`), and every outcome's "
        "figures (effect, confidence interval, p-value, timepoint), each with its study id, "
        "publication id, certainty and plain reading. goal: an id, name or alias such as "
        "'stroke', 'memory' or 'weight'. compound: needed when several compounds have the "
        "goal. detail: true adds the full record with studies, source notes and harms.",
        annotations=read_only,
    )
    def get_goal(
        goal: str, compound: str | None = None, detail: bool = False
    ) -> answers.GoalAnswer:
        return answer(lambda c: answers.goal(c, goal, compound, detail))

    @server.tool(
        description="Search compounds, goals, studies, outcomes, publications and mechanisms "
        "for some text (ignoring case and accents; TNF-a finds TNF-α). Each hit says what "
        "matched and in which field. Optional: compound.",
        annotations=read_only,
    )
    def search(text: str, compound: str | None = None) -> answers.SearchAnswer:
        return answer(lambda c: answers.search(c, text, compound))

    @server.tool(
        description="Get the confirmed publications behind a goal, or behind every goal when "
        "goal is left out, as 'text' (numbered references), 'bibtex', 'ris' or 'csl-json' "
        "(items with DOI, PMID and PMCID). `unsourced` lists studies with no confirmed "
        "publication (compound/study).",
        annotations=read_only,
    )
    def get_citations(
        goal: str | None = None,
        compound: str | None = None,
        format: answers.CitationFormat = "text",
    ) -> answers.CitationAnswer:
        return answer(lambda c: answers.citations(c, goal, compound, format))

    @server.tool(
        description="Explain the certainty of the outcomes, and the harms, behind a goal, rule "
        "by rule: the starting level from the study design, each reason it moves down (risk of "
        "bias, imprecision, indirectness, inconsistency), and the plain reading with any "
        "minimal important differences. Optional: study (a study id from get_goal) and measure "
        "(text in the outcome's measure or the harm's event) narrow it to some outcomes.",
        annotations=read_only,
    )
    def explain_certainty(
        goal: str,
        compound: str | None = None,
        study: str | None = None,
        measure: str | None = None,
    ) -> dict[str, Any]:
        return answer(lambda c: answers.explain(c, goal, compound, study, measure))

    @server.tool(
        description="Get a compound's regulatory status on a day (as_of, YYYY-MM-DD; default "
        "today), track by track (a regulator's decisions on one product, indication or list), "
        "with when each entry took effect and was last checked, its source's grade, events "
        "reported only in the news (which set no status but may make one out of date), and "
        "the whole dated timeline.",
        annotations=read_only,
    )
    def regulatory_status(compound: str, as_of: str | None = None) -> dict[str, Any]:
        return answer(lambda c: answers.status(c, compound, as_of))

    @server.tool(
        description="Check a claim against the evidence before repeating it: the claim as a "
        'sentence ("BPC-157 heals tendons in humans"), read by fixed rules for its compound, '
        "goal, population, direction, size and certainty words. Returns one verdict "
        "(supported, overstated, contradicted, different-molecule, no-human-evidence, "
        "not-in-catalog, cannot-judge), the rule that decided it, what was understood and the "
        "studies behind it.",
        annotations=read_only,
    )
    def check_claim(claim: str) -> dict[str, Any]:
        return answer(lambda c: answers.check(c, claim))

    @server.tool(
        description="What the catalog's data releases changed, newest first: studies added or "
        "removed, changed figures, regulatory statuses, goals' tiers and certainty, each with "
        "the value before and after and its source. Optional: since (a data version such as "
        "2026.11.26, or a date such as 2026-11-26; default: the latest release), compound, "
        "practice_changing (only tier, certainty, status changes and retractions).",
        annotations=read_only,
    )
    def whats_new(
        since: str | None = None, compound: str | None = None, practice_changing: bool = False
    ) -> dict[str, Any]:
        return answer(lambda c: answers.whats_new(c, changelog, since, compound, practice_changing))

    @server.tool(
        description="Get the tier scale (each tier's number, label, meaning and the certainty "
        "it claims) and the rules by which tiers and certainty are computed, in words.",
        annotations=read_only,
    )
    def get_tier_scale() -> answers.TierScale:
        return answer(answers.tier_scale)

    @server.resource(
        "peptide://tier-scale",
        mime_type="application/json",
        description="The catalog's tier scale: number, label, meaning and claimed certainty.",
    )
    def tier_scale_resource() -> str:
        import json

        return json.dumps(answer(answers.tier_scale)["tiers"], ensure_ascii=False)

    @server.resource(
        "peptide://rules",
        mime_type="text/markdown",
        description="How certainty, plain readings and computed tiers are decided (from the "
        "README).",
    )
    def rules_resource() -> str:
        return answers.rules()

    @server.resource(
        "peptide://schema",
        mime_type="application/schema+json",
        description="The JSON Schema of a claims file.",
    )
    def schema_resource() -> str:
        from peptide_cli.catalog.schema import claims_schema

        return claims_schema()

    return server


def serve(catalog: Catalog, changelog: Changelog | None = None) -> None:
    """Serve CATALOG (and its CHANGELOG) over stdio until the client closes the connection."""
    build(catalog, changelog).run("stdio")
