"""Cross-cutting helpers shared by every sportsgov module (private package).

What belongs here: small, dependency-free helpers that two or more topic modules
need and that would otherwise be written twice: turning user input into dates
(:mod:`.dates`), exact half-up rounding and the 万/亿 multipliers (:mod:`.numbers`),
the one datum alias table (:mod:`.datums`), the missing-cell rule (:mod:`.cells`),
read-only array fields and array equality for attrs classes (:mod:`.arrays`) and
CSV opening/reading (:mod:`.csvfiles`), TOML files (:mod:`.tomlfiles`), the tolerant
table reader for CSV/xlsx with header aliases (:mod:`.tables`, :mod:`.aliases`),
DataFrames in and out (:mod:`.frames`) and optional extras (:mod:`.extras`). Nothing
domain-specific (regions, facilities, money ...) lives here, and nothing here imports
a topic module.

The public/private rule: this package is private (its name starts with ``_``), so
users never import it; inside sportsgov its functions have plain names and may be
imported from any module. A name starting with ``_`` is never imported from
another module, here or anywhere in the package.
"""
