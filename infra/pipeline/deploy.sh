#!/usr/bin/env bash
# Deploys what `sam build` built to one samconfig.toml environment. Stack name, region, capabilities,
# S3 prefix and parameter overrides come from [<env>.*.parameters]; the pipeline adds only what is
# per account or per GitHub environment: its artifacts bucket, the CloudFormation execution role, the
# alarm e-mail (ALARM_EMAIL) and prod's sign-up mail sender (SIGNUP_EMAIL_IDENTITY_ARN, SIGNUP_EMAIL_FROM),
# from the GitHub environment's variables. A stack left in ROLLBACK_COMPLETE by a failed first create
# cannot be updated, so it is deleted first (it never held data: its create failed).
#   usage: deploy.sh CONFIG_ENV ARTIFACTS_BUCKET CLOUDFORMATION_ROLE_ARN [BUILT_TEMPLATE]
set -euo pipefail
config_env=$1 bucket=$2 role=$3 template=${4:-.aws-sam/build/template.yaml}
config=$(cd "$(dirname "$0")/../.." && pwd)/samconfig.toml

# SAM CLI replaces samconfig's parameter_overrides (it does not merge them) as soon as the command
# line has any, so the environment's own overrides are read here and AlarmEmail is added to them.
read_config() {
  python3 - "$config" "$config_env" "$1" <<'PY'
import shlex, sys, tomllib
with open(sys.argv[1], "rb") as f:
    config = tomllib.load(f)
environment = config[sys.argv[2]]
if sys.argv[3] == "overrides":
    value = environment["deploy"]["parameters"].get("parameter_overrides", "")
    print("\n".join(shlex.split(value) if isinstance(value, str) else value))
else:
    parameters = {**environment.get("global", {}).get("parameters", {}), **environment["deploy"]["parameters"]}
    print(parameters[sys.argv[3]])
PY
}
overrides_text=$(read_config overrides)
stack=$(read_config stack_name)
region=$(read_config region)
overrides=()
while IFS= read -r line; do
  if [ -n "$line" ]; then overrides+=("$line"); fi
done <<<"$overrides_text"
if [ -n "${ALARM_EMAIL:-}" ]; then
  overrides+=("AlarmEmail=$ALARM_EMAIL")
fi
if [ -n "${SIGNUP_EMAIL_IDENTITY_ARN:-}" ]; then
  overrides+=("SignUpEmailIdentityArn=$SIGNUP_EMAIL_IDENTITY_ARN" "SignUpEmailFrom=${SIGNUP_EMAIL_FROM:-}")
fi

status=$(aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
  --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo NONE)
if [ "$status" = ROLLBACK_COMPLETE ]; then
  echo "$stack is in ROLLBACK_COMPLETE after a failed first create: deleting it before deploying again"
  aws cloudformation delete-stack --stack-name "$stack" --region "$region" --role-arn "$role"
  aws cloudformation wait stack-delete-complete --stack-name "$stack" --region "$region"
fi

# --config-file is absolute: SAM looks for samconfig.toml next to the template, here .aws-sam/build.
# --no-confirm-changeset: prod's change set is confirmed by the GitHub environment's reviewers.
# Never --resolve-s3 here: SAM rejects it together with --s3-bucket, and the bucket is the pipeline's.
args=(--config-file "$config" --config-env "$config_env" --template-file "$template"
  --s3-bucket "$bucket" --role-arn "$role" --no-confirm-changeset --no-fail-on-empty-changeset)
if [ ${#overrides[@]} -gt 0 ]; then
  args+=(--parameter-overrides "${overrides[@]}")
fi
sam deploy "${args[@]}"
