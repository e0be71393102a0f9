"""Location-allocation (选址-分配): LSCP, LSCP-B, p-median, p-center and p-dispersion.

The classic facility location models beside the maximal covering model of
:func:`~sportsgov.coverage.siting.suggest_sites`, all on the same cost tables
(dense ``(m, n)`` arrays with ``inf`` for "not reachable", scipy sparse
matrices, :class:`~sportsgov.coverage.fca.CostTable` or long rows) and with
existing (fixed) sites given as candidate indices or ids:

* :func:`lscp` — location set covering (Toregas et al. 1971): the fewest new
  sites so that every demand location is within ``threshold`` of a site; with
  ``capacities`` each site serves at most its capacity (demand may be split).
* :func:`lscp_b` — backup coverage (Hogan & ReVelle 1986): with the LSCP's
  number of sites, the most population covered *twice*.
* :func:`p_median` — ``count`` sites minimizing the population-weighted cost
  to the assigned site (Hakimi 1964); with capacities (single sourcing).
* :func:`p_center` — ``count`` sites minimizing the largest cost from a demand
  location to its site (Hakimi 1965).
* :func:`p_dispersion` — ``count`` sites as far from each other as possible
  (Kuby 1987), on a candidate-to-candidate cost table.

Each is solved exactly as a mixed-integer program (``method="milp"``, HiGHS by
default — through ``highspy``, or :func:`scipy.optimize.milp` where highspy
cannot be imported —; ``solver="highspy"`` for highspy only, ``"cbc"`` for CBC
through PuLP) and, where one is standard, by a fast heuristic: greedy
for LSCP and p-dispersion, vertex substitution (Teitz & Bart 1968) for
p-median. A ``time_limit`` returns the best solution found (never worse than the
heuristic) with ``optimal=False`` and the proven ``gap``.

Modules: :mod:`~sportsgov.coverage.location.covering` (LSCP, LSCP-B),
:mod:`~sportsgov.coverage.location.median` (p-median, p-center) and
:mod:`~sportsgov.coverage.location.dispersion` (p-dispersion), over the private
``_shared`` (input checks, nearest open site, gaps and the
:class:`~sportsgov.coverage.siting.SiteSelection` they all return). Import from
here: ``from sportsgov.coverage.location import lscp``.

References
----------
Toregas, C., Swain, R., ReVelle, C. & Bergman, L. (1971). The location of
emergency service facilities. *Operations Research* 19(6), 1363–1373.

Hogan, K. & ReVelle, C. (1986). Concepts and applications of backup coverage.
*Management Science* 32(11), 1434–1444.

Hakimi, S. L. (1964, 1965). Optimum locations of switching centers and the
absolute centers and medians of a graph; Optimum distribution of switching
centers in a communication network. *Operations Research* 12, 450–459; 13,
462–475.

Teitz, M. B. & Bart, P. (1968). Heuristic methods for estimating the
generalized vertex median of a weighted graph. *Operations Research* 16(5),
955–961.

Kuby, M. J. (1987). Programming models for facility dispersion: the
p-dispersion and maxisum dispersion problems. *Geographical Analysis* 19(4),
315–329.
"""

from __future__ import annotations

from sportsgov.coverage.location.covering import lscp, lscp_b
from sportsgov.coverage.location.dispersion import p_dispersion
from sportsgov.coverage.location.median import p_center, p_median

__all__ = ["lscp", "lscp_b", "p_center", "p_dispersion", "p_median"]
