"""Parity: prove that the v1 (legacy) and v2 (schema-first) pipelines render the same thing.

``run_parity(manager, "dto", plugin_cases(manager.artifact("dto")))`` renders every case
through both pipelines and judges each pair (see ``Verdict``); ``normalize`` and its rules
decide what "the same" means.
"""

from scaffold_core.parity.cases import PLUGIN_CASES_DIR, ParityCase, load_cases, plugin_cases
from scaffold_core.parity.normalize import (
    RULES,
    align_comments,
    collapse_blank_lines,
    mask_lifecycle,
    normalize,
    normalize_docstring_indentation,
    normalize_line_endings,
    sort_import_blocks,
)
from scaffold_core.parity.runner import CaseResult, ParityReport, run_parity
from scaffold_core.parity.verdict import PipelineOutcome, Verdict, judge

__all__ = [
    "PLUGIN_CASES_DIR",
    "RULES",
    "CaseResult",
    "ParityCase",
    "ParityReport",
    "PipelineOutcome",
    "Verdict",
    "align_comments",
    "collapse_blank_lines",
    "judge",
    "load_cases",
    "mask_lifecycle",
    "normalize",
    "normalize_docstring_indentation",
    "normalize_line_endings",
    "plugin_cases",
    "run_parity",
    "sort_import_blocks",
]
