"""The appendix never breaks a service, party or team code across lines."""

import re

from markupsafe import Markup

from carveout.reports.contents import Pack
from carveout.reports.html import Charts, appendix_columns, render_html, stylesheet


def _appendix(pack: Pack) -> str:
    blank = [Markup("")] * len(pack.pools)
    charts = Charts(
        gantt=[],
        burn_down=Markup(""),
        tranches=Markup(""),
        s_curve=Markup(""),
        allocations=blank,
        ledgers=blank,
    )
    html = render_html(pack, charts)
    return html.split('id="appendix"')[1]


def _em(width: str | None) -> float:
    assert width is not None and width.endswith("em")
    return float(width[:-2])


def test_every_code_in_the_appendix_is_marked_as_a_code(pack: Pack) -> None:
    appendix = _appendix(pack)

    for line in pack.services:
        assert f'<td class="service"><strong>{line.code}</strong>' in appendix
        assert f'<td class="code">{line.host}</td>' in appendix
        if line.team:
            assert f'<td class="code">{line.team}</td>' in appendix


def test_codes_and_dates_do_not_wrap_and_nothing_breaks_inside_a_word() -> None:
    css = stylesheet()

    rule = re.search(r"([^\n]*table\.services \.code[^{]*)\{([^}]*)\}", css)
    assert rule and "white-space: nowrap" in rule.group(2)
    for selector in (".service strong", ".code", ".date"):
        assert f"table.services {selector}" in rule.group(1)
    assert "break-word" not in css and "overflow-wrap: anywhere" not in css


def test_each_code_column_is_as_wide_as_its_longest_code(pack: Pack) -> None:
    widths = dict(appendix_columns(pack))
    longest_team = max(len(s.team) for s in pack.services)

    assert widths["Service"] is None  # takes the rest of the page
    assert _em(widths["Team"]) >= 0.8 * longest_team
    long = pack.model_copy(
        update={"services": (pack.services[0].model_copy(update={"team": "A-VERY-LONG-TEAM"}),)}
    )
    assert _em(dict(appendix_columns(long))["Team"]) > _em(widths["Team"])


def test_the_columns_and_headings_in_the_html_follow_the_widths(pack: Pack) -> None:
    appendix = _appendix(pack)
    columns = appendix_columns(pack)

    headings = re.findall(r"<th>([^<]*)</th>", appendix.split("</thead>")[0])
    assert headings == [h for h, _ in columns]
    for _, width in columns:
        if width:
            assert f'<col style="width: {width}">' in appendix
