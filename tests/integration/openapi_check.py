#!/usr/bin/python3
"""Checks HTTP responses against an OpenAPI 3.1 document (JSON Schema 2020-12).

Usage: openapi_check.py OPENAPI.json
Reads one JSON request per line on stdin:
  {"method": "GET", "path": "/api/v1/x?q=1", "status": 200,
   "content_type": "application/json; charset=utf-8", "body": "<response body text>"}
and answers one JSON line per request on stdout:
  {"operation": "GET /api/v1/x/{id}", "errors": [{"pointer": "/items/0/id", "message": "..."}]}
An empty "errors" list means the response is described by the document.
"""

import json
import re
import sys

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker, RefResolver

JSON_MEDIA = ("application/json", "application/problem+json")

# RFC 3339 date-time, loosely: a date, "T", a time, and an offset (Z or ±hh:mm).
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time")
def is_date_time(value):
    return not isinstance(value, str) or DATE_TIME.match(value) is not None


@FORMATS.checks("date")
def is_date(value):
    return not isinstance(value, str) or DATE.match(value) is not None


def pointer(parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


class Document:
    def __init__(self, doc):
        self.doc = doc
        self.resolver = RefResolver.from_schema(doc)
        self.templates = []  # (segments, template), the most literal first
        for template in doc.get("paths", {}):
            self.templates.append((template.strip("/").split("/"), template))
        self.templates.sort(key=lambda t: -sum(not s.startswith("{") for s in t[0]))
        self.validators = {}

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            node = self.resolver.resolve(node["$ref"])[1]
        return node

    def template_of(self, path):
        segments = path.split("?", 1)[0].strip("/").split("/")
        for pattern, template in self.templates:
            if len(pattern) == len(segments) and all(
                p == s or (p.startswith("{") and p.endswith("}") and s)
                for p, s in zip(pattern, segments)
            ):
                return template
        return None

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in self.validators:
            self.validators[key] = Draft202012Validator(
                schema, resolver=self.resolver, format_checker=FORMATS
            )
        return self.validators[key]

    def check(self, method, path, status, content_type, body):
        """Returns (operation, [(pointer, message)])."""
        template = self.template_of(path)
        media = content_type.split(";", 1)[0].strip().lower()
        if template is None:
            # A path the API does not have: the document's Problem, or nothing at all.
            problem = self.doc.get("components", {}).get("schemas", {}).get("Problem")
            if status != 404 or media != "application/problem+json" or problem is None:
                return None, [("", "no path of the document matches " + path)]
            return None, self.validate({"$ref": "#/components/schemas/Problem"}, body)
        operation = method + " " + template
        item = self.deref(self.doc["paths"][template])
        op = item.get(method.lower())
        if op is None:
            return operation, [("", "the document has no operation " + operation)]
        responses = op.get("responses", {})
        key = str(status)
        if key not in responses:
            key = key[0] + "XX"
        if key not in responses:
            key = "default"
        if key not in responses:
            return operation, [("", "status %d is not described (only %s)" %
                                (status, ", ".join(responses)))]
        response = self.deref(responses[key])
        content = response.get("content", {})
        if not content:
            if body:
                return operation, [("", "a body was sent, but status %s describes none" % key)]
            return operation, []
        if media not in content:
            return operation, [("", "media type '%s' is not described for status %s (only %s)" %
                                (media, key, ", ".join(content)))]
        if media not in JSON_MEDIA:
            return operation, []
        schema = content[media].get("schema")
        if schema is None:
            return operation, []
        return operation, self.validate(schema, body)

    def validate(self, schema, body):
        try:
            instance = json.loads(body)
        except ValueError as e:
            return [("", "the body is not JSON: %s" % e)]
        return [pm for e in self.validator(schema).iter_errors(instance) for pm in explain(e)]


def explain(error):
    """The JSON pointers of the offending values, each with a short message."""
    where = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        for p in error.validator_value:
            if p not in error.instance and error.message == "%r is a required property" % p:
                return [(pointer(where + [p]), "required property is missing")]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        patterns = error.schema.get("patternProperties", {})
        extra = [p for p in error.instance
                 if p not in known and not any(re.search(r, p) for r in patterns)]
        if extra:
            return [(pointer(where + [p]), "property is not in the schema") for p in extra]
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return [(p, error.validator + ": " + m) for p, m in explain(best)]
    message = error.message
    if len(message) > 200:
        message = message[:200] + "..."
    return [(pointer(where), message)]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        document = Document(json.load(f))
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            operation, errors = document.check(
                r["method"], r["path"], int(r["status"]), r.get("content_type", ""),
                r.get("body", ""))
        except Exception as e:  # the harness reports it as a failure, with the request
            operation, errors = None, [("", "validator error: %r" % e)]
        answer = {"operation": operation,
                  "errors": [{"pointer": p, "message": m} for p, m in errors]}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
