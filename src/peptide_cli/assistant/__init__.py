"""The assistant front-end: the evidence API offered to AI assistants over the Model Context
Protocol (`peptide-cli mcp`). Like the command line it only parses, calls `evidence` and shapes
the answer with `render`; it reads the catalog and never writes anything."""
