"""Validates a JSON document (stdin) against a schema of docs/schema/: strict JSON (no NaN or
Infinity), and the schema (numbers are numbers or null, never strings; required fields present).
Usage: json_validate.py SCHEMA.json < output.json; exit 1 with the first error."""
import json
import sys

import jsonschema


def refuse(name):
    raise ValueError(f"not JSON: {name}")


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    try:
        doc = json.loads(sys.stdin.read(), parse_constant=refuse)
    except ValueError as e:
        print(e)
        return 1
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc),
                    key=lambda e: list(e.absolute_path))
    for e in errors[:3]:
        print(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
