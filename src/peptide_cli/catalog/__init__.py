"""The data layer: claims files read, checked and merged into one typed catalog.

`models` holds the records; `yaml_reader` reads one file safely; `validation` and `problems` say
what is wrong and where; `loading` finds, reads, validates and merges files; `cache` keeps
checked catalogs; `schema` writes the JSON Schema; `names` compares names. Nothing here knows of
terminals or commands.
"""
