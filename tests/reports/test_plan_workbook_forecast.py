from datetime import datetime
from pathlib import Path

import openpyxl

from carveout.reports.inputs import Inputs
from carveout.reports.plan_workbook import write_plan_workbook
from tests.reports.programme import AS_OF, Results


def test_the_forecast_sheets_planned_date_is_the_plans_cutover_for_every_service(
    tmp_path: Path, results: Results
) -> None:
    inputs = Inputs(
        portfolio=results.portfolio,
        scenario=results.portfolio.scenarios[0],
        as_of=AS_OF,
        plan=results.plan,
        forecast=results.forecast,
        costs=None,
        previous=None,
        sources=(),
    )
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(path=path, inputs=inputs)

    values = list(openpyxl.load_workbook(path)["Forecast"].values)
    rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    cutover = {m.service: m.cutover for m in results.plan.migrations}
    # The forecast covers the work left on the data date; what cut over before is a fact.
    left = {m.service for m in results.plan.migrations if not m.cutover < AS_OF}
    assert {r["Service"] for r in rows} == left
    for row in rows:
        planned = row["Planned"]
        assert isinstance(planned, datetime)
        assert planned.date() == cutover[str(row["Service"])], row["Service"]
