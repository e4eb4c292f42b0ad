#!/usr/bin/env python3
"""Rewrites handler-permissions.json: for every resource type in the SAM-transformed template.yaml, the
IAM actions CloudFormation's resource handlers call on create, update and delete (the resource provider
schema's handlers.<op>.permissions), which the CloudFormation execution role in pipeline-roles.yaml must
grant. Needs cfn-lint (it applies the SAM transform) and one source of provider schemas:

  --schema-dir DIR=SOURCE   provider schemas as JSON files (typeName + handlers), e.g. the official
                            https://schema.cloudformation.eu-west-1.amazonaws.com/CloudformationSchema.zip
                            unzipped; SOURCE is recorded as the types' provenance. Repeatable: the
                            first directory with handlers for a type wins.
  --from-aws SOURCE         `aws cloudformation describe-type` per type (needs credentials)

Types without published handlers (older non-registry types, custom resources) keep their hand-written
entry from the existing file; a type with neither fails, so someone writes one. The table records, per
type, where its lists came from.
"""
import argparse, glob, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TABLE = os.path.join(HERE, "handler-permissions.json")


def template_types(path):
    from transformed import transformed_resources, type_key
    return sorted({type_key(r["Type"]) for r in transformed_resources(path).values()})


def schemas_from_dir(directory):
    found = {}
    for file in glob.glob(os.path.join(directory, "*.json")):
        with open(file, encoding="utf-8") as f:
            schema = json.load(f)
        if "typeName" in schema:
            found[schema["typeName"]] = schema
    return found


def schema_from_aws(type_name):
    out = subprocess.run(["aws", "cloudformation", "describe-type", "--type", "RESOURCE", "--type-name", type_name,
                          "--query", "Schema", "--output", "text"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser()
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--schema-dir", action="append")
    source.add_argument("--from-aws")
    args = parser.parse_args()

    with open(TABLE, encoding="utf-8") as f:
        old = json.load(f)
    directories = [(schemas_from_dir(d), s) for d, s in (a.split("=", 1) for a in args.schema_dir or [])]
    table = {}
    for type_name in template_types(os.path.join(ROOT, "template.yaml")):
        if args.from_aws:
            found = [] if type_name == "Custom::*" else [(schema_from_aws(type_name), args.from_aws)]
        else:
            found = [(schemas[type_name], s) for schemas, s in directories if type_name in schemas]
        found = [(schema["handlers"], s) for schema, s in found if schema.get("handlers")]
        if found:
            handlers, source = found[0]
            table[type_name] = {"source": source, **{op: sorted(set(handlers.get(op, {}).get("permissions", [])))
                                                     for op in ("create", "update", "delete")}}
        elif type_name in old["types"] and old["types"][type_name]["source"].startswith("hand-written"):
            table[type_name] = old["types"][type_name]
        else:
            sys.exit(f"{type_name}: no published handlers and no hand-written entry in {TABLE}")
    old["types"] = table
    with open(TABLE, "w", encoding="utf-8") as f:
        json.dump(old, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
