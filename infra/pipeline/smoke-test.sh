#!/usr/bin/env bash
# Minimal checks against a deployed stack: the site loads with its sign-in configuration, the API
# answers through CloudFront (problem details on an unknown path, 401 without a token), the user
# pool's discovery document is up, and the webhook refuses an unsigned request.
set -euo pipefail
stack=$1 region=$2
output() { aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
  --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
site=$(output SiteUrl)
webhook=$(output GitHubWebhookUrl)
check() { local want=$1 got; shift; got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$@");
  [ "$got" = "$want" ] || { echo "FAIL: $* -> $got (wanted $want)"; exit 1; }; echo "ok: $* -> $got"; }
check 200 "$site/"
check 200 "$site/some/deep/link"
check 200 "$site/config.json"
check 404 "$site/api/does-not-exist"
check 401 "$site/api/todos"
check 200 "$(output Authority)/.well-known/openid-configuration"
check 401 -X POST -H 'content-type: application/json' -d '{}' "$webhook"
