import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["carveout.costs", "carveout.risk", "carveout.reports"])
def test_importing_an_engine_package_does_not_import_its_heavy_dependencies(package: str) -> None:
    heavy = "{'altair', 'numba', 'weasyprint', 'scipy'}"
    code = f"import sys, {package}; print(sorted({heavy} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_lazy_name_resolves_to_the_object_in_its_module() -> None:
    import carveout.costs
    from carveout.costs.report import cost_report

    assert carveout.costs.cost_report is cost_report
