"""Curation: what a curator runs to keep the catalog current (#30). The only code that uses the
network, and only in `peptide-cli update`, from the optional `update` extra (httpx).

`services` asks PubMed, ClinicalTrials.gov and Crossref, politely (a contact address, each
service's rate, timeouts, retries with backoff that honour Retry-After, any proxy the
environment sets); `candidates` turns their answers into candidates for a person to review:
what was found, where, and why it may matter. Nothing here edits the evidence.
"""
