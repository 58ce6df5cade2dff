"""Validates Liaison JSON documents against docs/liaison.schema.json with the
`jsonschema` package: a reader of the format that is not Liaison's code.

usage: validate_schema.py SCHEMA FILE...   exit 0 when every file is valid
"""
import json
import sys

from jsonschema import Draft202012Validator


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    bad = 0
    for path in sys.argv[2:]:
        doc = json.load(open(path, encoding="utf-8"))
        for error in validator.iter_errors(doc):
            where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            print(f"{path}: {where}: {error.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
