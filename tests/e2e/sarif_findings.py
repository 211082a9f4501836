#!/usr/bin/env python3
"""Prints the errors and warnings in the log `sarif-multitool validate
--output LOG` writes, one line each: `FILE: level RULE at JSONPATH`.

The validator exits 0 even when the logs it validates are invalid; its
findings are results of its own SARIF log. A result without `level` takes
its rule's defaultConfiguration level, else "warning" (SARIF 2.1.0,
3.27.10), which is how the validator writes its warnings.

One finding is expected and left out: SARIF2005 asking for the driver's
informationUri. sitrep has no published home page yet, and a made-up
address would be worse than none (cli/report_ci.cpp, k_information_uri);
give sitrep one and this exception goes.
"""
import json
import sys

log = json.load(open(sys.argv[1], encoding="utf-8-sig"))
for run in log["runs"]:
    if not all(inv.get("executionSuccessful", False) for inv in run.get("invocations", [])):
        print(f"{sys.argv[1]}: error the validator did not run to the end")
    rules = run["tool"]["driver"].get("rules", [])
    for res in run.get("results", []):
        rule = rules[res["ruleIndex"]] if "ruleIndex" in res and res["ruleIndex"] < len(rules) else {}
        level = res.get("level") or rule.get("defaultConfiguration", {}).get("level") or "warning"
        if level not in ("error", "warning"):
            continue
        message_id = res.get("message", {}).get("id", "")
        if res["ruleId"] == "SARIF2005" and message_id == "Warning_ProvideToolnformationUri":
            continue
        where = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        print(f"{where}: {level} {res['ruleId']} {message_id} at {res.get('properties', {}).get('jsonPath', '?')}")
