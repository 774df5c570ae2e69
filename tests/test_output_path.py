import pytest

from scaffold_core import InvalidInput, NoOutputPath
from scaffold_core.enrich import ProjectSettings, choose_output_path, expand_pattern


def test_expand_pattern_with_case_conversions():
    values = {"name": "OrderDTOWorker", "layer": "platform"}
    assert expand_pattern("src/{layer}/{name:snake}.py", values, "x") == (
        "src/platform/order_dto_worker.py"
    )
    assert expand_pattern("{name:kebab}.md", values, "x") == "order-dto-worker.md"
    assert expand_pattern("{layer:pascal}/{name:lower}", values, "x") == "Platform/orderdtoworker"


@pytest.mark.parametrize(
    ("pattern", "values", "reason"),
    [
        ("{missing}.py", {}, "needs field 'missing', which the input does not have"),
        ("{title}.md", {"title": None}, "needs field 'title', which is empty"),
        ("{title}.md", {"title": ""}, "needs field 'title', which is empty"),
        ("{0}.md", {}, "'{0}' is not a field name"),
        ("{name!r}.md", {"name": "x"}, "'{name!r}' has a conversion"),
        ("{name.__class__}.md", {"name": "x"}, "'{name.__class__}' is not a field name"),
        ("{name[0]}.md", {"name": "x"}, "'{name[0]}' is not a field name"),
        ("{name:>12}.md", {"name": "x"}, "':>12', which is not a case conversion"),
        ("{fields}.py", {"fields": []}, "field 'fields' is list, not text"),
        ("{frozen}.py", {"frozen": False}, "field 'frozen' is bool, not text"),
        ("{name.py", {"name": "x"}, "expected '}' before end of string"),
    ],
)
def test_unfillable_pattern_names_the_problem_and_its_source(pattern, values, reason):
    with pytest.raises(InvalidInput) as caught:
        expand_pattern(pattern, values, "the plugin's default")
    (problem,) = caught.value.problems
    assert problem.location == "the plugin's default"
    assert reason in problem.expected
    assert problem.expected.endswith(": give it, or pass -o PATH")


def test_precedence_explicit_then_project_then_plugin():
    settings = ProjectSettings({"dto": "models/{name:snake}.py"})
    values = {"name": "Order"}
    assert choose_output_path("dto", "x.py", settings, "src/{name}.py", values) == "x.py"
    assert choose_output_path("dto", None, settings, "src/{name}.py", values) == "models/order.py"
    assert choose_output_path("dto", None, ProjectSettings(), "src/{name}.py", values) == (
        "src/Order.py"
    )
    with pytest.raises(NoOutputPath, match=r"\[tool.scaffold.output_paths\] dto"):
        choose_output_path("dto", None, ProjectSettings(), None, values)


def test_project_settings_load(tmp_path):
    assert ProjectSettings.load(tmp_path) == ProjectSettings()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert ProjectSettings.load(tmp_path).output_paths == {}
    (tmp_path / "pyproject.toml").write_text("[tool.scaffold.output_paths]\ndto = 'm/{name}.py'\n")
    assert ProjectSettings.load(tmp_path).output_paths == {"dto": "m/{name}.py"}


@pytest.mark.parametrize(
    "text",
    [
        "[tool.scaffold\n",
        "[tool.scaffold]\noutput_paths = 3\n",
        "[tool.scaffold.output_paths]\nx=1\n",
    ],
)
def test_bad_project_settings_are_user_errors(tmp_path, text):
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(InvalidInput, match="project settings"):
        ProjectSettings.load(tmp_path)


def test_non_ascii_words_survive_and_an_empty_name_is_refused():
    assert expand_pattern(
        "docs/{title:kebab}.md", {"title": "Évaluation des bibliothèques"}, "x"
    ) == ("docs/évaluation-des-bibliothèques.md")
    assert expand_pattern("docs/{title:kebab}.md", {"title": "研究"}, "x") == "docs/研究.md"
    with pytest.raises(InvalidInput, match="into an empty name with ':kebab'"):
        expand_pattern("docs/{title:kebab}.md", {"title": "!!!"}, "x")


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        (
            "docs/{title}.md",
            "A/B Testing",
            (
                "field 'title' fills {title} with 'A/B Testing', which holds a path separator:"
                " use {title:kebab} or choose another value"
            ),
        ),
        ("docs/{title}.md", "a\\b", "fills {title} with 'a\\\\b', which holds a path separator"),
        ("docs/{title:lower}.md", "x/../../y", "fills {title:lower} with 'x/../../y', which"),
        ("docs/{title}/x.md", "..", "fills {title} with '..', which names a folder, not a file"),
        ("docs/{title}/x.md", ".", "with '.', which names a folder, not a file: choose another"),
    ],
)
def test_a_filled_value_names_one_file_or_folder(pattern, value, expected):
    with pytest.raises(InvalidInput) as caught:
        expand_pattern(pattern, {"title": value}, "the plugin's default")
    (problem,) = caught.value.problems
    assert (problem.location, problem.given) == ("the plugin's default", pattern)
    assert expected in problem.expected


def test_a_converted_value_may_come_from_text_with_separators():
    values = {"title": "A/B Testing", "name": "a\\b"}
    assert expand_pattern("docs/{title:kebab}.md", values, "x") == "docs/a-b-testing.md"
    assert expand_pattern("src/{name:snake}.py", values, "x") == "src/a_b.py"
    assert expand_pattern("{title:kebab}/../x", values, "x") == "a-b-testing/../x"
