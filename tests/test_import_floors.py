"""No circle of imports among the modules of guides/ and careerguide/, counting imports inside
functions too (pyproject.toml's import-linter contract keeps the floors, `lint-imports`; a circle
within one floor is found here)."""

import graphlib

import grimp


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("guides", "careerguide", cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    try:
        graphlib.TopologicalSorter(imports).prepare()
    except graphlib.CycleError as error:
        raise AssertionError(f"a circle of imports: {' -> '.join(error.args[1])}") from None
