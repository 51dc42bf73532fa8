"""peptide-cli: the evidence behind a peptide's health claims, from the terminal."""

__version__ = "0.1.0"
