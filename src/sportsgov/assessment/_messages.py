"""Message catalog of the assessment area: reasons for points lost, in Chinese and English.

Every sentence a reader of a published ranking sees comes from here, keyed, with a
Chinese and an English text (the report renders ``lang="zh"`` or ``"en"``). Keys are
stable; a :class:`~sportsgov.assessment.Reason` carries a key and its parameters.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "reason.no_data": (
        "{item}:无数据,扣{lost}分",
        "{item}: no data, −{lost}",
    ),
    "reason.threshold": (
        "{item}:{value}{unit}低于标准{threshold}{unit},差{gap}{unit},"
        "每{step}{unit}扣{per_step}分(不足{step}{unit}按{step}{unit}计),计{steps}档,扣{lost}分",
        "{item}: {value}{unit} is {gap}{unit} below {threshold}{unit}; "
        "{steps} step(s) of {step}{unit} (a partial step counts as whole) at −{per_step}: −{lost}",
    ),
    "reason.threshold_floor": (
        "{item}:{value}{unit}低于标准{threshold}{unit},差{gap}{unit},计{steps}档,扣完为止,扣{lost}分",
        "{item}: {value}{unit} is {gap}{unit} below {threshold}{unit}; "
        "{steps} step(s), deducted down to zero: −{lost}",
    ),
    "reason.threshold_high": (
        "{item}:{value}{unit}高于上限{threshold}{unit},超{gap}{unit},计{steps}档,扣{lost}分",
        "{item}: {value}{unit} is {gap}{unit} above the ceiling {threshold}{unit}; "
        "{steps} step(s): −{lost}",
    ),
    "reason.band": (
        "{item}:{measure}为{value}{unit},属“{band}”档,得{points}分(满分{full}分),失{lost}分",
        "{item}: {measure} {value}{unit} falls in band “{band}”, {points} of {full}: −{lost}",
    ),
    "reason.band_none": (
        "{item}:{measure}为{value}{unit},未达到最低档,不得分(−{lost}分)",
        "{item}: {measure} {value}{unit} is below the lowest band, no points: −{lost}",
    ),
    "reason.shortfall": (
        "{item}:完成{value}个,任务{required}个,缺{missing}个,每缺1个扣{per_unit}分,扣{lost}分",
        "{item}: {value} done of {required}, {missing} missing at −{per_unit} each: −{lost}",
    ),
    "reason.all_or_nothing": (
        "{item}:{value}{unit}未达到{threshold}{unit},不得分(−{lost}分)",
        "{item}: {value}{unit} short of {threshold}{unit}, all or nothing: −{lost}",
    ),
    "reason.not_met": (
        "{item}:目标未完成(状态:{status}),不得分(−{lost}分)",
        "{item}: target not met (status: {status}), all or nothing: −{lost}",
    ),
    "reason.proportional": (
        "{item}:完成目标的{percent}%,按比例得{points}分(满分{full}分),失{lost}分",
        "{item}: {percent}% of the target reached, {points} of {full} pro rata: −{lost}",
    ),
    "reason.given": (
        "{item}:得{points}分(满分{full}分),失{lost}分",
        "{item}: {points} of {full}: −{lost}",
    ),
    "reason.deduction": (
        "{item}:{value}项,每项扣{per_unit}分,扣{lost}分",
        "{item}: {value} case(s) at −{per_unit} each: −{lost}",
    ),
    "reason.bonus_cap": (
        "加分项合计{bonus}分,超过上限{cap}分,按{cap}分计",
        "bonus items total {bonus}, capped at {cap}",
    ),
    "measure.value": ("数值", "value"),
    "measure.growth_percent": ("较上年增长率(%)", "growth on last year (%)"),
    "measure.growth_points": ("较上年提高(百分点)", "change on last year (percentage points)"),
    "measure.ratio": ("完成比例", "share of target"),
    "band.open_low": ("低于{hi}", "below {hi}"),
    "band.open_high": ("{lo}及以上", "{lo} and above"),
    "band.open_high_strict": ("高于{lo}", "above {lo}"),
    "band.range": ("{lo}–{hi}", "{lo}–{hi}"),
    "status.met": ("已达标", "met"),
    "status.on_track": ("进度正常", "on track"),
    "status.behind": ("滞后", "behind"),
    "status.missed": ("未完成", "missed"),
    "status.no_data": ("无数据", "no data"),
    "pace.ahead": ("符合序时进度", "on pace"),
    "pace.behind": ("落后序时进度", "behind pace"),
    "pace.future": ("未到", "not yet due"),
}


def t(key: str, lang: Lang = "zh", /, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``.

    Examples
    --------
    >>> t("status.behind", "zh")
    '滞后'
    >>> t("reason.bonus_cap", "en", bonus=12, cap=10)
    'bonus items total 12, capped at 10'
    """
    if lang not in ("zh", "en"):
        from sportsgov.errors import InvalidInputError

        raise InvalidInputError.bad("lang", lang, "expected one of 'zh', 'en'")
    try:
        zh, en = MESSAGES[key]
    except KeyError:
        from sportsgov.errors import NotFoundError

        raise NotFoundError.bad("key", key, "no such message in the assessment catalog") from None
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text
