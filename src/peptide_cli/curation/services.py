"""The three services `update` asks, over one polite HTTP client (httpx)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peptide_cli import __version__
from peptide_cli.errors import ServiceError

if TYPE_CHECKING:
    import httpx

PUBMED = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi"
TRIALS = "https://clinicaltrials.gov/api/v2/studies/"
CROSSREF = "https://api.crossref.org/works"

TIMEOUT = 20.0  # seconds for a connection, and for each read
RETRIES = 3  # tries after the first, for a timeout, a dropped connection, a 429 or a 5xx
BACKOFF = 2.0  # seconds before the first retry; doubled before each later one
LONGEST_WAIT = 120.0  # a Retry-After longer than this is not waited for: the run stops
PAUSE = {"eutils.ncbi.nlm.nih.gov": 0.34, "clinicaltrials.gov": 0.2, "api.crossref.org": 0.1}
"""Seconds between two requests to a service: PubMed allows three a second without a key."""


class Services:
    """A client for the services: CONTACT (an e-mail address) is sent as each asks (PubMed's
    `email`, Crossref's `mailto`, and the User-Agent); TRANSPORT and SLEEP are for tests."""

    def __init__(
        self,
        contact: str | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        import httpx

        agent = f"peptide-cli/{__version__}" + (f" (mailto:{contact})" if contact else "")
        self.contact = contact
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))
        self.client = httpx.Client(
            timeout=httpx.Timeout(TIMEOUT),
            headers={"User-Agent": agent},
            transport=transport,
            follow_redirects=True,
        )  # trust_env: HTTP_PROXY, HTTPS_PROXY and NO_PROXY are followed
        self.last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        """The JSON answer to GET URL. Raises ServiceError, in words, when the service cannot
        be reached after RETRIES more tries, or answers with an error or with what is not JSON;
        a 404 is None (nothing there)."""
        import httpx

        host = httpx.URL(url).host
        wait = BACKOFF
        for attempt in range(RETRIES + 1):
            self._pace(host)
            try:
                response = self.client.get(url, params=params)
            except httpx.TimeoutException:
                problem = f"{host} did not answer within {TIMEOUT:g} seconds"
            except httpx.TransportError as error:
                problem = f"{host} could not be reached ({error.__class__.__name__})"
            else:
                if response.status_code == 404:
                    return None
                if response.status_code == 429 or response.status_code >= 500:
                    problem = f"{host} answered {response.status_code}"
                    later = _retry_after(response)
                    if later is not None and later > LONGEST_WAIT:
                        raise ServiceError(f"{problem}, and asks to wait {later:g} seconds")
                    wait = later if later is not None else wait
                elif response.status_code >= 400:
                    raise ServiceError(f"{host} answered {response.status_code} for {url}")
                else:
                    try:
                        return response.json()
                    except ValueError:
                        raise ServiceError(f"{host} answered with what is not JSON") from None
            if attempt == RETRIES:
                raise ServiceError(f"{problem}, {RETRIES + 1} times")
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _pace(self, host: str) -> None:
        """Wait so that requests to HOST keep to its rate."""
        pause = PAUSE.get(host, 0.0)
        since = time.monotonic() - self.last.get(host, -pause)
        if since < pause:
            self.sleep(pause - since)
        self.last[host] = time.monotonic()

    # The three questions -------------------------------------------------------------------

    def pubmed_since(self, name: str, since: str) -> list[str]:
        """PMIDs of publications naming NAME in their title or abstract, published from SINCE
        (YYYY, YYYY-MM or YYYY-MM-DD) on, newest first."""
        day = since.replace("-", "/")
        params = {
            "db": "pubmed",
            "term": f'"{name}"[Title/Abstract] AND ("{day}"[PDAT] : "3000"[PDAT])',
            "retmode": "json",
            "retmax": "200",
            "sort": "pub_date",
            "tool": "peptide-cli",
        }
        if self.contact:
            params["email"] = self.contact
        found = self.get(PUBMED, params)
        try:
            ids = found["esearchresult"]["idlist"]
        except (KeyError, TypeError):
            raise ServiceError("PubMed answered without a list of PMIDs") from None
        if not isinstance(ids, list) or not all(isinstance(i, str) and i.isdigit() for i in ids):
            raise ServiceError("PubMed answered with a list that is not of PMIDs")
        return ids

    def trial(self, nct: str) -> dict[str, Any] | None:
        """A registered trial's status on ClinicalTrials.gov: overall status, whether results
        are posted, when it was last updated and completed; None when it is not there."""
        found = self.get(TRIALS + nct, {"fields": "protocolSection.statusModule,hasResults"})
        if found is None:
            return None
        try:
            status = found["protocolSection"]["statusModule"]
            return {
                "status": status["overallStatus"],
                "results_posted": bool(found.get("hasResults", False)),
                "last_update": status.get("lastUpdatePostDateStruct", {}).get("date"),
                "completed": status.get("completionDateStruct", {}).get("date"),
            }
        except (KeyError, TypeError, AttributeError):
            raise ServiceError(
                f"ClinicalTrials.gov answered about {nct} without its status"
            ) from None

    def notices(self, doi: str) -> list[dict[str, str]]:
        """Crossref's notices that update DOI (retractions, corrections, expressions of
        concern): each notice's DOI, its kind and its date."""
        params = {"filter": f"updates:{doi}", "rows": "50"}
        if self.contact:
            params["mailto"] = self.contact
        found = self.get(CROSSREF, params)
        try:
            items = found["message"]["items"]
            notices = []
            for item in items:
                for update in item.get("update-to", []):
                    if update.get("DOI", "").casefold() != doi.casefold():
                        continue
                    parts = update.get("updated", {}).get("date-parts", [[None]])[0]
                    when = "-".join(
                        f"{part:02d}" if i else str(part) for i, part in enumerate(parts) if part
                    )
                    notices.append({"notice": item["DOI"], "kind": update["type"], "date": when})
            return notices
        except (KeyError, TypeError, AttributeError, IndexError):
            raise ServiceError(f"Crossref answered about {doi} without its notices") from None


def _retry_after(response: httpx.Response) -> float | None:
    """The seconds a Retry-After header asks to wait (a number of seconds), or None."""
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
