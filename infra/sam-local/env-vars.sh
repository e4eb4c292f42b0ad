#!/usr/bin/env bash
# Writes the --env-vars file for `sam local start-api -t template.local.yaml` from a deployed stack's
# outputs, so the local API uses that stack's table, queue, bucket and user pool.
#   usage: env-vars.sh STACK REGION OUT_FILE
set -euo pipefail
stack=$1 region=$2 out=$3
outputs=$(aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
  --query 'Stacks[0].Outputs' --output json)
mkdir -p "$(dirname "$out")"
OUTPUTS=$outputs python3 - "$out" <<'PY'
import json, os, sys
outputs = {o["OutputKey"]: o["OutputValue"] for o in json.loads(os.environ["OUTPUTS"] or "[]")}
# template.local.yaml's variable <- template.yaml's output (the same values template.yaml gives ApiFunction).
names = {"TABLE__NAME": "TableName", "ORDERS__QUEUEURL": "OrdersQueueUrl", "MEDIA__BUCKETNAME": "MediaBucketName",
         "AUTH__AUTHORITY": "Authority", "AUTH__CLIENTID": "AppClientId"}
missing = [o for o in names.values() if o not in outputs]
if missing:
    sys.exit(f"the stack has no output {', '.join(missing)}: is it a TodoApp stack, deployed from this commit?")
variables = {v: outputs[o] for v, o in names.items()}
with open(sys.argv[1], "w") as f:
    json.dump({"ApiFunction": variables}, f, indent=2)
print(f"wrote {sys.argv[1]}")
PY
