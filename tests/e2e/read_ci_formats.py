#!/usr/bin/env python3
"""Reads back what `sitrep check --format github|sarif|gitlab` wrote and
compares it with `--format json` of the same run: the same diagnostics
(rule, path, line, column, level, message + hint), in the same order.

    read_ci_formats.py DIR   DIR holds json.out, github.out, sarif.out, gitlab.out

The github reader follows the documented workflow-command shape
(`::command key=value,...::data`) and the runner's unescaping
(actions/runner ActionCommand: property values decode %0D %0A %3A %2C,
data decodes %0D %0A, and %25 last), written here from the documentation,
not from sitrep's code. Exits 1 with the differences.
"""
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

problems = []


def problem(fmt, text):
    problems.append(f"{fmt}: {text}")


def expected_from_json(doc):
    out = []
    for d in doc["diagnostics"]:
        message = d["message"] + ("\nhint: " + d["hint"] if d.get("hint") else "")
        # A file-level diagnostic (line/column unknown) is emitted at 1:1.
        out.append((d["rule"], d["path"], max(1, d["line"]), max(1, d["column"]), d["severity"], message))
    return out


def unescape_data(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(s):
    return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


COMMAND = re.compile(r"^::(?P<cmd>[a-z]+) (?P<props>[^:]*)::(?P<data>.*)$")


def read_github(text):
    out = []
    if text and not text.endswith("\n"):
        problem("github", "output does not end with a newline")
    for n, line in enumerate(text.split("\n")[:-1], 1):
        if "\r" in line:
            problem("github", f"line {n} holds a raw carriage return")
        m = COMMAND.match(line)
        if not m:
            problem("github", f"line {n} is not a workflow command: {line!r}")
            continue
        if m["cmd"] not in ("error", "warning", "notice"):
            problem("github", f"line {n}: unknown command {m['cmd']}")
        props = {}
        for pair in m["props"].split(","):
            key, sep, value = pair.partition("=")
            if not sep:
                problem("github", f"line {n}: property without '=': {pair!r}")
            props[key] = unescape_property(value)
        if list(props) != ["file", "line", "col", "title"]:
            problem("github", f"line {n}: properties {list(props)}, expected file, line, col, title")
            continue
        if not props["line"].isdigit() or not props["col"].isdigit() or int(props["line"]) < 1 or int(props["col"]) < 1:
            problem("github", f"line {n}: line/col not positive integers: {props}")
            continue
        level = {"error": "error", "warning": "warning", "notice": "note"}[m["cmd"]]
        out.append((props["title"], props["file"], int(props["line"]), int(props["col"]), level,
                    unescape_data(m["data"])))
    return out


def read_sarif(doc):
    out = []
    if doc.get("$schema") != "https://json.schemastore.org/sarif-2.1.0.json" or doc.get("version") != "2.1.0":
        problem("sarif", "$schema/version")
    runs = doc.get("runs", [])
    if len(runs) != 1:
        problem("sarif", f"{len(runs)} runs, expected 1")
        return out
    run = runs[0]
    driver = run["tool"]["driver"]
    if driver.get("name") != "sitrep" or not driver.get("version"):
        problem("sarif", "driver name/version")
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if ids != sorted(set(ids)):
        problem("sarif", f"rules not unique and in id order: {ids}")
    for r in rules:
        if not r.get("shortDescription", {}).get("text"):
            problem("sarif", f"rule {r['id']} has no shortDescription")
    if "%SRCROOT%" not in run.get("originalUriBaseIds", {}):
        problem("sarif", "originalUriBaseIds lacks %SRCROOT%")
    for res in run.get("results", []):
        if rules[res["ruleIndex"]]["id"] != res["ruleId"]:
            problem("sarif", f"ruleIndex {res['ruleIndex']} is not {res['ruleId']}")
        loc = res["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        if art.get("uriBaseId") != "%SRCROOT%":
            problem("sarif", f"uriBaseId of {art}")
        out.append((res["ruleId"], unquote(art["uri"]), loc["region"]["startLine"], loc["region"]["startColumn"],
                    res["level"], res["message"]["text"]))
    if {r for r, *_ in out} != set(ids):
        problem("sarif", "rules listed are not exactly the rules of the results")
    return out


SEVERITY = {"major": "error", "minor": "warning"}  # sitrep's documented mapping


def read_gitlab(doc):
    out = []
    if not isinstance(doc, list):
        problem("gitlab", "not a JSON array")
        return out
    fingerprints = set()
    for i, issue in enumerate(doc):
        types = {"description": str, "check_name": str, "fingerprint": str, "severity": str, "location": dict}
        for key, typ in types.items():
            if not isinstance(issue.get(key), typ):
                problem("gitlab", f"issue {i}: {key} missing or not {typ.__name__}")
                break
        else:
            loc = issue["location"]
            begin = loc.get("lines", {}).get("begin")
            pos = loc.get("positions", {}).get("begin", {})
            if not isinstance(loc.get("path"), str) or type(begin) is not int or begin < 1:
                problem("gitlab", f"issue {i}: location.path / location.lines.begin")
                continue
            if pos.get("line") != begin or type(pos.get("column")) is not int or pos["column"] < 1:
                problem("gitlab", f"issue {i}: location.positions.begin")
                continue
            if issue["severity"] not in SEVERITY:
                problem("gitlab", f"issue {i}: severity {issue['severity']}")
                continue
            if not re.fullmatch(r"[0-9a-f]{16}", issue["fingerprint"]) or issue["fingerprint"] in fingerprints:
                problem("gitlab", f"issue {i}: fingerprint {issue['fingerprint']} not 16 hex digits or not unique")
            fingerprints.add(issue["fingerprint"])
            out.append((issue["check_name"], loc["path"], begin, pos["column"], SEVERITY[issue["severity"]],
                        issue["description"]))
    return out


def main():
    d = Path(sys.argv[1])
    want = expected_from_json(json.loads((d / "json.out").read_text()))
    if not want:
        problem("json", "no diagnostics: nothing to compare")
    got = {
        "github": read_github(open(d / "github.out", encoding="utf-8", newline="").read()),
        "sarif": read_sarif(json.loads((d / "sarif.out").read_text())),
        "gitlab": read_gitlab(json.loads((d / "gitlab.out").read_text())),
    }
    for fmt, items in got.items():
        if items != want:
            problem(fmt, "differs from --format json:")
            for a, b in zip(items + [None] * len(want), want + [None] * len(items)):
                if a != b:
                    problems.append(f"    got  {a}\n    want {b}")
        codes = {f: (d / f"{f}.exit").read_text().strip() for f in ("json", fmt)}
        if codes["json"] != codes[fmt]:
            problem(fmt, f"exit {codes[fmt]}, --format json exits {codes['json']}")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
