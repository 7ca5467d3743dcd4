"""Runs AWS's own template tools for TemplateAwsToolsTest; prints one JSON document on stdout.

  lint TEMPLATE       cfn-lint's findings, as the command line reports them: [{"rule", "level", "path", "message"}]
  transform TEMPLATE  the SAM transform as `sam validate` runs it (local CodeUri replaced by an S3
                      placeholder, no AWS calls for managed policies): {"resourceTypes": {type: count}},
                      or {"errors": [...]} with exit code 2 when the transform rejects the template.
"""

import json
import os
import sys
from collections import Counter


def lint(path):
    """What `cfn-lint TEMPLATE` reports: the default region (us-east-1), informational findings left out."""
    from cfnlint.api import ManualArgs, lint

    matches = lint(open(path, encoding="utf-8").read(), config=ManualArgs(regions=["us-east-1"]))
    return 0, [
        {"rule": m.rule.id, "level": m.rule.severity, "path": [str(p) for p in getattr(m, "path", [])],
         "line": m.linenumber, "message": m.message}
        for m in matches
        if m.rule.severity != "informational"
    ]


class NoManagedPolicies:
    """The translator asks IAM for managed policy ARNs only for names it does not know; none here."""

    def load(self):
        return {}


def transform(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.transform import transform as sam_transform
    from samtranslator.yaml_helper import yaml_parse

    template = yaml_parse(open(path, encoding="utf-8").read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        uri = properties.get("CodeUri")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(uri, str) and not uri.startswith("s3://"):
            properties["CodeUri"] = "s3://bucket/" + uri.strip("./")  # what sam validate does with local paths
    try:
        output = sam_transform(template, {}, NoManagedPolicies())
    except InvalidDocumentException as invalid:
        return 2, {"errors": [str(cause) for cause in invalid.causes]}
    return 0, {"resourceTypes": dict(Counter(r["Type"] for r in output["Resources"].values()))}


if __name__ == "__main__":
    command, template_path = sys.argv[1], sys.argv[2]
    code, document = {"lint": lint, "transform": transform}[command](template_path)
    print(json.dumps(document))
    sys.exit(code)
