"""The rendering layer: records and the text, tables and plots that show them.

`records` declares each kind of record's fields once (the JSON contract); `listing` writes a
listing in any format, through `text` (json, csv, markdown, ...) or `views` (Rich tables and
views); `figures` spells out numbers; `forest` draws one-line forest plots; `references` and
`verdict` write citations and the verdict on a claims file; `stream` describes where output goes.
Nothing here parses arguments or exits.
"""
