"""The data layer: claims files read, checked and merged into one typed catalog.

`models` holds the records; `yaml_reader` reads one file safely; `validation` and `problems` say
what is wrong and where; `loading` finds, reads, validates and merges files; `prebuilt` keeps
the bundled catalog checked at build time; `cache` keeps checked catalogs, each compound read
only when it is used; `schema` writes the JSON Schema; `names` compares names. Nothing here
knows of terminals or commands.
"""
