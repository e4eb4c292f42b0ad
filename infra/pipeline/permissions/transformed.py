#!/usr/bin/env python3
"""Prints what DeployPermissionsTests needs from a template after cfn-lint applies the SAM transform:
its resource types (Custom::X as "Custom::*") and every property name used anywhere in its resources.
Run it with the Python that runs cfn-lint (python-of-cfn-lint.sh finds it).
  usage: transformed.py TEMPLATE"""
import json, sys


def transformed_resources(path):
    from cfnlint.decode import decode
    from cfnlint.template.transforms._sam import Transform
    template, errors = decode(path)
    if errors:
        sys.exit(f"{path}: {errors}")
    transform = Transform(path, template, "eu-west-1")
    if transform.transform_template():
        sys.exit(f"{path}: the SAM transform failed")
    return transform._template["Resources"]


def type_key(type_name):
    return "Custom::*" if type_name.startswith("Custom::") or type_name == "AWS::CloudFormation::CustomResource" else type_name


def property_names(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            property_names(value, found)
    elif isinstance(node, list):
        for value in node:
            property_names(value, found)
    return found


if __name__ == "__main__":
    resources = transformed_resources(sys.argv[1])
    print(json.dumps({
        "types": sorted({type_key(r["Type"]) for r in resources.values()}),
        "propertyNames": sorted(property_names([r.get("Properties", {}) for r in resources.values()], set())),
    }))
