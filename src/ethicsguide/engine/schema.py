"""JSON Schema of the file formats, generated from the models (editors complete with it)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ethicsguide.engine.models import PrinciplesFile, SourcesFile, Tree
from ethicsguide.engine.scenario import Scenario

SCHEMA_FILES = {
    "tree": "tree.schema.json",
    "principles": "principles.schema.json",
    "sources": "sources.schema.json",
    "scenario": "scenario.schema.json",
}


def _models() -> dict[str, type[BaseModel]]:
    return {
        "tree": Tree,
        "principles": PrinciplesFile,
        "sources": SourcesFile,
        "scenario": Scenario,
    }


def json_schema(kind: str) -> dict[str, Any]:
    """The schema for ``kind`` with a title and ``$id`` an editor can show."""
    schema = _models()[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ethicsguide.invalid/schema/{SCHEMA_FILES[kind]}"
    return schema


def schema_text(kind: str) -> str:
    """The schema as the text committed under ``decision_trees/schema/``."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
