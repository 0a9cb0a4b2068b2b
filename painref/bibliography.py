"""The site bibliography: every reference once, in data/references.yml.

Pages cite a reference by key with a footnote marker (``[^narouze2018]``)
and never write its text: the build appends the definitions, rendered
here in one style with the identifier as a link, and Markdown's footnotes
extension numbers them. So a guideline is cited the same way on every
page, and a bad entry or an unknown key fails the build with one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlparse

from . import datafile

CITE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
KEY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
PMCID = re.compile(r"^PMC\d{4,9}$")
IDENTIFIERS = ("doi", "pmid", "pmcid")

# A link to a list of search results is not a reference: it can change
# under the reader and names no single work.
SEARCH_URL = re.compile(
    r"[?&](term|q|query|search|searchterm)=|/search[/?]|/results[/?]|scholar\.google|google\.[a-z.]+/search|bing\.com/search",
    re.I,
)


@dataclass(frozen=True)
class Reference:
    key: str
    data: dict

    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)

    @property
    def short(self) -> str:
        """"Narouze 2018" or "NICE 2016": first author or body, and year."""
        authors = self.data.get("authors") or [self.data["source"]]
        first = authors[0].split(",")[0]
        surname = first.rsplit(" ", 1)[0] if re.search(r" [A-Z]{1,4}$", first) else first
        return f"{surname} {self.data.get('year', 'undated')}"


class BibliographyError(ValueError):
    pass


@dataclass(frozen=True)
class Bibliography:
    entries: dict[str, Reference]
    official_hosts: tuple[str, ...]
    label: str = "data/references.yml"

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> Reference:
        return self.entries[key]


def load(path: Path, label: str = "data/references.yml") -> Bibliography:
    """Read and check the bibliography; raise with every problem found."""
    data = datafile.read(path, label, BibliographyError, "references")
    bib = Bibliography(
        {key: Reference(key, value) for key, value in data["references"].items()},
        tuple(data["official_hosts"]),
        label,
    )
    problems = entry_problems(bib)
    if problems:
        raise BibliographyError("\n".join(problems))
    return bib


def _host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def entry_problems(bib: Bibliography) -> list[str]:
    """Rules JSON Schema cannot say: identifier forms and editions."""
    out = []
    for key, ref in bib.entries.items():
        where = f"{bib.label}: reference '{key}'"
        if not KEY.match(key):
            out.append(f"{where}: key must be lowercase letters, digits and hyphens; fix: rename it, e.g. 'narouze2018'")
        doi, pmid, pmcid, url = (ref.get(name) for name in ("doi", "pmid", "pmcid", "url"))
        if doi is not None and not DOI.match(str(doi)):
            out.append(f"{where}: DOI {doi!r} is not of the form 10.NNNN/...; fix: write the bare DOI without https://doi.org/")
        if pmid is not None and not PMID.match(str(pmid)):
            out.append(f"{where}: PMID {pmid!r} must be digits only; fix: copy the number from the PubMed record")
        if pmcid is not None and not PMCID.match(str(pmcid)):
            out.append(f"{where}: PMCID {pmcid!r} must look like PMC1234567; fix: copy it from the PMC record")
        if url is not None and SEARCH_URL.search(url):
            out.append(f"{where}: url {url!r} is a search-results link; fix: link the work itself (DOI, PMID or the official page)")
        has_id = any(ref.get(name) for name in IDENTIFIERS)
        if not has_id and not url:
            out.append(f"{where}: has no identifier; fix: add a doi, pmid or pmcid (or an official url for a guideline)")
        elif not has_id and ref["kind"] == "article":
            out.append(f"{where}: a journal article needs a doi, pmid or pmcid; fix: add one (a publisher page is not a stable identifier)")
        elif not has_id and not _host_allowed(url, bib.official_hosts):
            out.append(f"{where}: url host {urlparse(url).hostname!r} is not an official source; fix: add a doi/pmid/pmcid, or add the host to official_hosts if it is the issuing body's own site")
        newer = ref.get("superseded_by")
        if newer is not None and newer not in bib.entries:
            out.append(f"{where}: superseded_by '{newer}' is not in the bibliography; fix: add the newer edition or correct the key")
    return out


def citations(markdown: str) -> list[str]:
    """Keys cited in a page's Markdown, in order of first use."""
    seen: dict[str, None] = {}
    for key in CITE.findall(markdown):
        seen.setdefault(key, None)
    return list(seen)


def page_problems(label: str, markdown: str, bib: Bibliography) -> list[str]:
    """A page may cite only known, current references and define none."""
    out = []
    for key in DEFINITION.findall(markdown):
        out.append(f"{label}: reference '{key}' is defined on the page; fix: delete the '[^{key}]: ...' line and keep the entry in {bib.label}")
    for key in citations(markdown):
        if key not in bib:
            out.append(f"{label}: reference '{key}' is not in {bib.label}; fix: add the entry there or correct the key")
        elif bib[key].get("superseded_by"):
            out.append(f"{label}: reference '{key}' has a newer edition; fix: cite '{bib[key]['superseded_by']}' instead")
    return out


def unused(bib: Bibliography, cited: set[str]) -> list[str]:
    """Entries nobody cites (a superseded edition may stay, for the record)."""
    return [
        f"{bib.label}: reference '{key}' is never cited; fix: cite it on a page or remove it"
        for key, ref in bib.entries.items()
        if key not in cited and not ref.get("superseded_by")
    ]


def identifier_links(ref: Reference) -> list[tuple[str, str, str]]:
    """(label, text, href) for each identifier, most stable first."""
    out = []
    if ref.get("doi"):
        out.append(("DOI", ref["doi"], f"https://doi.org/{ref['doi']}"))
    if ref.get("pmid"):
        out.append(("PMID", str(ref["pmid"]), f"https://pubmed.ncbi.nlm.nih.gov/{ref['pmid']}/"))
    if ref.get("pmcid"):
        out.append(("PMCID", ref["pmcid"], f"https://pmc.ncbi.nlm.nih.gov/articles/{ref['pmcid']}/"))
    if ref.get("url"):
        out.append(("Online", urlparse(ref["url"]).hostname or ref["url"], ref["url"]))
    return out


def _authors(ref: Reference) -> str:
    names = list(ref.get("authors") or [])
    if not names:
        return ""
    text = ", ".join(names)
    return text + (", et al." if ref.get("et_al") else ".")


def render(ref: Reference) -> str:
    """One reference as Markdown with inline HTML, in the site's style:
    Authors. Title. *Source*. Year. DOI: link · PMID: link. Note."""
    parts = []
    authors = _authors(ref)
    if authors:
        parts.append(escape(authors, quote=False))
    title = ref["title"].rstrip(".")
    parts.append(escape(title, quote=False) + ".")
    parts.append(f"<cite>{escape(ref['source'], quote=False)}</cite>.")
    # An undated official page (allowed for web pages and guidelines only).
    year = str(ref.get("year", "Undated")) + (f", updated {ref['updated']}" if ref.get("updated") else "")
    parts.append(year + ".")
    links = " · ".join(
        f'{label}: <a href="{escape(href)}" class="ipm-ref-id">{escape(text)}</a>'
        for label, text, href in identifier_links(ref)
    )
    if links:
        parts.append(links + ".")
    if ref.get("funding"):
        parts.append(f'<span class="ipm-ref-note">{escape(ref["funding"].rstrip("."), quote=False)}.</span>')
    if ref.get("replaces"):
        parts.append(f'<span class="ipm-ref-note">Replaces {escape(ref["replaces"].rstrip("."), quote=False)}.</span>')
    return " ".join(parts)


def definitions(keys: list[str], bib: Bibliography) -> str:
    """Footnote definitions for the keys a page cites (known keys only:
    unknown ones are reported by page_problems)."""
    return "\n".join(f"[^{key}]: {render(bib[key])}" for key in keys if key in bib)
