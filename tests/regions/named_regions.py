"""The region tree of the region-name tests: two cities, each with a 新华区.

Shared by the loader tests (``tests/facilities/test_inventory_region_names.py``,
``tests/_common/test_tablefile_region_names.py``): codes, unique names (中原区,
山里县, the streets), one name two districts share (新华区, in 清河市 and 河东市).
"""

from __future__ import annotations

REGIONS = [
    {"code": "990100", "name": "清河市", "level": "city"},
    {"code": "990102", "name": "中原区", "level": "district", "parent": "990100"},
    {"code": "990103", "name": "新华区", "level": "district", "parent": "990100"},
    {"code": "990121", "name": "山里县", "level": "county", "parent": "990100"},
    {"code": "990102001", "name": "文化路街道", "level": "street", "parent": "990102"},
    {"code": "990103001", "name": "友谊路街道", "level": "street", "parent": "990103"},
    {"code": "980100", "name": "河东市", "level": "city"},
    {"code": "980105", "name": "新华区", "level": "district", "parent": "980100"},
]
