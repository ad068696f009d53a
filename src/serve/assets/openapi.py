"""Writes openapi.json beside this file: the OpenAPI 3.1 document of `qingdan serve`, compiled into
the server and served at /openapi.json. Edit this script, not the JSON, then run it
(python3 src/serve/assets/openapi.py); a test checks that the two agree and that the server's
real responses match the document."""

import json
import sys
from pathlib import Path
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
nullable = lambda s: {"oneOf": [s, {"type": "null"}]}
string = {"type": "string"}
date = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
fingerprint = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
hdr = {
 "Qingdan-Rulebook": {"$ref": "#/components/headers/Qingdan-Rulebook"},
 "X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"},
}
def resp(desc, schema, ctype="application/json"):
    return {"description": desc, "headers": hdr, "content": {ctype: {"schema": schema}}}
def err(desc):
    return {"description": desc, "headers": hdr, "content": {"application/json": {"schema": ref("Error")}}}
lang = {"name": "lang", "in": "query", "required": False, "description": "Language of the sentences in the answer: zh or en (default: the first of Accept-Language, else the server's)", "schema": {"type": "string", "enum": ["zh", "en"]}}
common_errors = {"400": err("Bad request (QH001), or a query's own error (QQ001 unknown place, QQ002 ambiguous place, QQ003 unknown mode, QQ004 not UTF-8)"),
                 "401": err("The token is needed (QH006; with --token-for-all)"),
                 "503": err("No rulebook is loaded yet (QH008), or too many connections (QH007)")}
owner_params = [
 {"name": "task", "in": "query", "required": True, "description": "Task id, name, alias or free text", "schema": string},
 {"name": "at", "in": "query", "required": False, "description": "Date (default: today)", "schema": date},
 {"name": "in", "in": "query", "required": False, "description": "Jurisdiction: a path or a unique suffix (default: the root)", "schema": string},
 {"name": "mode", "in": "query", "required": False, "description": "Mode id or name (default: the first declared)", "schema": string},
 {"name": "explain", "in": "query", "required": False, "description": "Add the explanation's lines", "schema": {"type": "string", "enum": ["", "1", "0", "true", "false"]}},
 {"name": "view", "in": "query", "required": False, "description": "decision (default): the whole decision; answer: status, task, owner and roles only, made without the reasons (for systems that route work)", "schema": {"type": "string", "enum": ["decision", "answer"]}},
 lang]
task_ref = {"type": "object", "required": ["id", "name", "category", "aliases"], "properties": {
  "id": string, "name": string, "category": nullable(string), "aliases": {"type": "array", "items": string}}}
entry = {"type": "object", "required": ["list", "id", "edition", "jurisdiction", "file", "line", "basis", "illustrative", "requires", "max_per_month"], "properties": {
  "list": {"type": "string", "enum": ["power", "self_governance", "collaboration", "negative"]},
  "id": string, "edition": string, "jurisdiction": string, "file": string, "line": {"type": "integer"},
  "basis": string, "illustrative": {"type": "boolean"},
  "requires": {"type": "array", "items": {"type": "string", "enum": ["funding", "approval"]}},
  "max_per_month": nullable({"type": "integer"})}}
consideration = {"allOf": [ref("Entry"), {"type": "object", "required": ["verdict", "effect", "reason"], "properties": {
  "verdict": {"type": "string", "enum": ["applied", "wrong_mode", "not_yet_in_force", "expired", "replaced", "overridden_by_jurisdiction", "overridden_by_task_entry", "other_kind", "for_kinds_below"]},
  "effect": string, "reason": string}}]}
candidate = {"type": "object", "required": ["task", "confidence", "how", "matched_text", "matched", "synonyms"], "properties": {
  "task": ref("TaskRef"), "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "how": string,
  "matched_text": string, "matched": string, "synonyms": {"type": "array", "items": string}}}
role = {"type": "string", "enum": ["owns", "self_governs", "assists", "forbidden"]}
decision_props = {
  "query": string, "at": date, "jurisdiction": string, "place_kinds": {"type": "array", "items": string},
  "mode": string, "status": {"type": "string", "enum": ["listed", "unlisted", "unknown"]},
  "task": nullable(ref("TaskRef")),
  "owner": nullable({"type": "object", "required": ["level", "department"], "properties": {"level": string, "department": nullable(string)}}),
  "roles": {"type": "object", "additionalProperties": role},
  "entries": {"type": "array", "items": ref("Entry")},
  "illustrative": {"type": "boolean"}, "differs_below": {"type": "boolean"},
  "conflicts": {"type": "array", "items": string},
  "suggestions": {"type": "array", "items": ref("TaskRef")},
  "candidates": {"type": "array", "items": ref("Candidate")},
  "considered": {"type": "array", "items": ref("Consideration")},
  "explanation": {"type": "array", "items": string, "description": "With explain: the reasoning, one line each"}}
decision_required = ["query", "at", "jurisdiction", "place_kinds", "mode", "status", "task", "owner", "roles", "entries", "illustrative", "differs_below", "conflicts", "suggestions", "candidates", "considered"]
decision = {"type": "object", "required": decision_required, "additionalProperties": False, "properties": decision_props}
decision_doc = {"type": "object", "required": ["fingerprint"] + decision_required, "additionalProperties": False,
  "properties": {"fingerprint": fingerprint, **decision_props}}
error = {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {"error": {
  "type": "object", "required": ["code", "message"], "additionalProperties": False, "properties": {
    "code": {"type": "string", "pattern": "^Q[A-Z][0-9]{3}$", "description": "rules/README.md lists every code"},
    "message": string,
    "position": {"type": "object", "description": "Where in the request: a query parameter, a field of the JSON body, a line and column of the body, or a directive's file, line and column",
      "properties": {"parameter": string, "field": string, "file": string, "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}, "additionalProperties": False}}}}}
owner_query = {"type": "object", "required": ["task"], "additionalProperties": False, "properties": {
  "task": string, "at": date, "in": string, "mode": string}}
view = {"type": "string", "enum": ["decision", "answer"]}
owner_request = {"type": "object", "required": ["task"], "additionalProperties": False, "properties": {
  "task": string, "at": date, "in": string, "mode": string, "explain": {"type": "boolean"}, "view": view}}
answer_props = {"query": string, "at": date, "status": {"type": "string", "enum": ["listed", "unlisted", "unknown"]},
  "task": nullable({"type": "object", "required": ["id", "name"], "additionalProperties": False, "properties": {"id": string, "name": string}}),
  "owner": nullable({"type": "object", "required": ["level", "department"], "properties": {"level": string, "department": nullable(string)}}),
  "roles": {"type": "object", "additionalProperties": role}}
answer = {"type": "object", "required": list(answer_props), "additionalProperties": False, "properties": answer_props}
answer_doc = {"type": "object", "required": ["fingerprint"] + list(answer_props), "additionalProperties": False,
  "properties": {"fingerprint": fingerprint, **answer_props}}
owners_request = {"type": "object", "required": ["queries"], "additionalProperties": False, "properties": {
  "queries": {"type": "array", "items": ref("OwnerQuery"), "description": "At most --max-batch (default 10000)"},
  "at": date, "in": string, "mode": string, "view": view}, "description": "at, in and mode apply to the queries that leave them out; view is that of every answer"}
owners_response = {"type": "object", "required": ["fingerprint", "decisions"], "additionalProperties": False, "properties": {
  "fingerprint": fingerprint, "decisions": {"type": "array", "items": {"oneOf": [ref("Decision"), ref("Answer"), ref("Error")]},
  "description": "In the order asked; a query that cannot be answered has its error in its place"}}}
directive_value = {"oneOf": [{"type": "object", "description": "A directive's fields, as its YAML file holds them (docs/format.md §8.1)"}, {"type": "string", "description": "A directive's YAML text"}]}
check_request = {"type": "object", "additionalProperties": False, "properties": {
  "directive": directive_value, "directives": {"type": "array", "items": directive_value},
  "villages": {"oneOf": [{"type": "string", "description": "CSV text"}, {"type": "array", "items": {"type": "object", "additionalProperties": {"type": ["string", "number", "null"]}}, "description": "Rows with the CSV's columns as keys"}], "description": "Village profiles (docs/format.md §9.1)"},
  "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
  "warn_at": {"type": "number", "minimum": 0, "maximum": 1}, "exact": {"type": "boolean"},
  "most_loaded": {"type": "integer", "minimum": 0, "maximum": 100000}}}
report = {"type": "object", "required": ["fingerprint", "language", "verdict", "month", "errors", "warnings", "illustrative", "directives", "ledger", "findings", "items", "villages"],
  "description": "The report `qingdan check --json` prints (README.md, 'JSON output')",
  "properties": {"fingerprint": fingerprint, "language": {"type": "string", "enum": ["zh", "en"]},
   "verdict": {"type": "string", "enum": ["pass", "review", "reject"]}, "month": string,
   "errors": {"type": "integer"}, "warnings": {"type": "integer"}, "illustrative": {"type": "boolean"},
   "directives": {"type": "array"}, "ledger": {"type": "array"},
   "findings": {"type": "array", "items": {"type": "object", "required": ["code", "name", "severity"], "properties": {"code": {"type": "string", "pattern": "^QD[0-9]{3}$"}, "name": string, "severity": {"type": "string", "enum": ["error", "warning"]}}}},
   "items": {"type": "array"}, "villages": {"type": "object"}}}
tasks_response = {"type": "object", "required": ["fingerprint", "q", "total", "tasks", "reading"], "additionalProperties": False, "properties": {
  "fingerprint": fingerprint, "q": string, "total": {"type": "integer", "minimum": 0},
  "tasks": {"type": "array", "items": ref("TaskRef")},
  "reading": nullable({"type": "object", "required": ["text", "status", "task", "confidence", "candidates"], "additionalProperties": False, "properties": {
    "text": string, "status": {"type": "string", "enum": ["exact", "read_as", "candidates", "unknown"]},
    "task": nullable(ref("TaskRef")), "confidence": nullable({"type": "number"}),
    "candidates": {"type": "array", "items": ref("Candidate")}}})}}
named = {"type": "object", "required": ["id", "name", "aliases"], "additionalProperties": False, "properties": {"id": string, "name": string, "aliases": {"type": "array", "items": string}}}
edition = {"type": "object", "required": ["list", "jurisdiction", "version", "effective", "until", "replaced_on", "title", "source", "illustrative", "file", "line", "entries"], "additionalProperties": False, "properties": {
  "list": {"type": "string", "enum": ["power", "self_governance", "collaboration", "negative"]},
  "jurisdiction": string, "version": string, "effective": date, "until": nullable(date), "replaced_on": nullable(date),
  "title": string, "source": string, "illustrative": {"type": "boolean"}, "file": string, "line": {"type": "integer"}, "entries": {"type": "integer"}}}
rulebook = {"type": "object", "required": ["fingerprint", "name", "loaded_at", "at", "task_count", "edition_count", "entry_count", "levels", "modes", "jurisdictions", "editions"], "additionalProperties": False, "properties": {
  "fingerprint": fingerprint, "name": string, "loaded_at": {"type": "string", "format": "date-time"}, "at": date,
  "task_count": {"type": "integer"}, "edition_count": {"type": "integer"}, "entry_count": {"type": "integer"},
  "levels": {"type": "array", "items": ref("Named")}, "modes": {"type": "array", "items": ref("Named")},
  "jurisdictions": {"type": "array", "items": {"type": "object", "required": ["name", "path", "parent", "level"], "additionalProperties": False, "properties": {"name": string, "path": string, "parent": nullable(string), "level": nullable(string)}}},
  "editions": {"type": "array", "items": ref("Edition"), "description": "The editions in force on `at`"}}}
diag = {"type": "object", "required": ["code", "message"], "additionalProperties": False, "properties": {"code": string, "message": string, "file": string, "line": {"type": "integer"}, "column": {"type": "integer"}}}
readiness = {"type": "object", "required": ["ready", "loading"], "additionalProperties": False, "properties": {
  "ready": {"type": "boolean"}, "fingerprint": fingerprint, "name": string, "loaded_at": {"type": "string", "format": "date-time"},
  "reason": string, "loading": {"type": "boolean"},
  "last_reload": {"type": "object", "required": ["at", "trigger", "ok"], "additionalProperties": False, "properties": {
    "at": {"type": "string", "format": "date-time"}, "trigger": {"type": "string", "enum": ["start", "SIGHUP", "watch", "admin"]}, "ok": {"type": "boolean"}, "error": ref("Diagnostic")}}}}
reload = {"type": "object", "required": ["loaded", "fingerprint"], "additionalProperties": False, "properties": {
  "loaded": {"type": "boolean"}, "fingerprint": nullable(fingerprint), "error": ref("Diagnostic")}}

doc = {
 "openapi": "3.1.0",
 "info": {"title": "qingdan serve", "version": "1",
  "summary": "Who owns a task, and whether a directive may be sent down: the four lists of grassroots governance, served",
  "description": "The API of `qingdan serve` (README.md, \"Serve the lists\"). Every response carries `Qingdan-Rulebook`, the fingerprint of the rulebook that answered. Errors are `{\"error\": {\"code\", \"message\", \"position\"}}`; rules/README.md lists the codes. Sentences in answers are in the language asked by `lang`, else by `Accept-Language`, else the server's.",
  "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
 "servers": [{"url": "/"}],
 "paths": {
  "/v1/owner": {
    "get": {"operationId": "owner", "summary": "Which level owns a task, every level's role, and why", "parameters": owner_params,
            "responses": {"200": resp("The decision, as `qingdan owner --json` prints it (an unknown task is status unknown with ranked candidates); with view=answer, the answer only", {"oneOf": [ref("DecisionDocument"), ref("AnswerDocument")]}), **common_errors}},
    "post": {"operationId": "ownerPost", "summary": "The same question as a JSON body", "parameters": [lang],
             "requestBody": {"required": True, "content": {"application/json": {"schema": ref("OwnerRequest")}}},
             "responses": {"200": resp("The decision, or with view answer the answer only", {"oneOf": [ref("DecisionDocument"), ref("AnswerDocument")]}), **common_errors, "415": err("Not application/json (QH005)")}}},
  "/v1/owners": {
    "post": {"operationId": "owners", "summary": "A batch of owner questions, answered in order", "parameters": [lang],
             "requestBody": {"required": True, "content": {"application/json": {"schema": ref("OwnersRequest")}}},
             "responses": {"200": resp("The decisions, or each query's error in its place", ref("OwnersResponse")), **common_errors,
                           "413": err("More queries than --max-batch, or a body over --max-body (QH004)"), "415": err("Not application/json (QH005)")}}},
  "/v1/check": {
    "post": {"operationId": "check", "summary": "Check directives against the lists and the villages' load",
             "parameters": [{"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["json", "html"]}, "description": "json (default) or html: the self-contained HTML report"},
                            lang,
                            {"name": "month", "in": "query", "required": False, "schema": {"type": "string"}, "description": "With a YAML body: the month whose load is added up"},
                            {"name": "warn_at", "in": "query", "required": False, "schema": {"type": "string"}, "description": "With a YAML body: near-capacity share, 0 to 1"},
                            {"name": "exact", "in": "query", "required": False, "schema": {"type": "string"}, "description": "With a YAML body: match items only exactly"},
                            {"name": "most_loaded", "in": "query", "required": False, "schema": {"type": "string"}, "description": "With a YAML body: villages listed"}],
             "requestBody": {"required": True, "content": {
                "application/json": {"schema": ref("CheckRequest")},
                "application/yaml": {"schema": {"type": "string", "description": "One directive file (kind: directive)"}}}},
             "responses": {"200": {"description": "The report; `Qingdan-Verdict` says pass, review or reject",
                                   "headers": {**hdr, "Qingdan-Verdict": {"schema": {"type": "string", "enum": ["pass", "review", "reject"]}}},
                                   "content": {"application/json": {"schema": ref("Report")}, "text/html": {"schema": string}}},
                           **common_errors, "413": err("A body over --max-body (QH004)"), "415": err("Neither JSON nor YAML (QH005)")}}},
  "/v1/tasks": {
    "get": {"operationId": "tasks", "summary": "Search the catalogue, and read the words as free text",
            "parameters": [{"name": "q", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 200}, "description": "Words every task found contains (in its id, name or alias, normalised), at most 16 words and 200 characters; empty lists every task"},
                           {"name": "limit", "in": "query", "required": False, "schema": {"type": "string"}, "description": "Tasks listed, 1 to 10000 (default 50); total counts them all"}, lang],
            "responses": {"200": resp("The tasks found and the reading of q", ref("TasksResponse")), **common_errors}}},
  "/v1/rulebook": {
    "get": {"operationId": "rulebook", "summary": "The rulebook: levels, modes, jurisdictions, editions in force",
            "parameters": [{"name": "at", "in": "query", "required": False, "schema": date, "description": "Date for the editions in force (default: today)"}, lang],
            "responses": {"200": resp("The rulebook", ref("RulebookResponse")), **common_errors}}},
  "/v1/admin/reload": {
    "post": {"operationId": "reload", "summary": "Reload the rules now (bearer token)", "security": [{"bearer": []}], "parameters": [lang],
             "responses": {"200": resp("What the reload did; when it failed, the rulebook before it keeps serving", ref("ReloadResponse")),
                           "401": err("Without the token or with another (QH006)"), "403": err("The server has no --token-file (QH006)")}}},
  "/healthz": {"get": {"operationId": "healthz", "summary": "The process serves", "responses": {"200": resp("Alive", {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}, "additionalProperties": False})}}},
  "/readyz": {"get": {"operationId": "readyz", "summary": "A rulebook is loaded; the last reload", "parameters": [lang],
     "responses": {"200": resp("Ready", ref("Readiness")), "503": resp("Not ready: no rulebook loaded yet, or the first load failed (reason says why)", ref("Readiness"))}}},
  "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text format (0.0.4)",
     "responses": {"200": {"description": "Requests and latency per route, decisions by status, reloads and failures, connections, the rulebook's fingerprint as a label", "headers": hdr, "content": {"text/plain": {"schema": string}}}}}},
  "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
  "/": {"get": {"operationId": "page", "summary": "The web page for reviewers", "parameters": [lang], "responses": {"200": {"description": "One self-contained HTML page", "content": {"text/html": {"schema": string}}}}}},
 },
 "components": {
  "headers": {
   "Qingdan-Rulebook": {"description": "Fingerprint of the rulebook that answered (absent while none is loaded)", "schema": fingerprint},
   "X-Request-Id": {"description": "The request's id: the client's X-Request-Id when it is 1-128 of A-Z a-z 0-9 . _ - :, else one the server gives; the decision log names it", "schema": string}},
  "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The token of --token-file"}},
  "schemas": {"TaskRef": task_ref, "Entry": entry, "Consideration": consideration, "Candidate": candidate,
   "Decision": decision, "DecisionDocument": decision_doc, "Answer": answer, "AnswerDocument": answer_doc, "Error": error, "OwnerQuery": owner_query, "OwnerRequest": owner_request,
   "OwnersRequest": owners_request, "OwnersResponse": owners_response, "CheckRequest": check_request, "Report": report,
   "TasksResponse": tasks_response, "Named": named, "Edition": edition, "RulebookResponse": rulebook,
   "Diagnostic": diag, "Readiness": readiness, "ReloadResponse": reload}}}
transport = err("Any other error: a parameter the route does not take (400 QH001), a request not HTTP/1.1 the server reads (400 QH001), not whole within --request-timeout (408 QH009), headers over 16 KiB (431 QH004), a body over --max-body (413 QH004), over --max-connections (503 QH007)")
for path, operations in doc["paths"].items():
    for method, operation in operations.items():
        operation["responses"]["default"] = transport
for path in ("/healthz", "/readyz", "/metrics", "/openapi.json", "/"):
    doc["paths"][path]["get"]["responses"]["400"] = err("A parameter the route does not take (QH001)")
doc["paths"]["/v1/owner"]["post"]["responses"]["413"] = err("A body over --max-body (QH004)")
doc["paths"]["/metrics"]["get"]["responses"]["401"] = err("The token is needed (QH006; with --token-for-all)")
TEXT = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("openapi.json")
    target.write_text(TEXT, encoding="utf-8")
