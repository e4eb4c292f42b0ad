#!/usr/bin/env bash
# Uploads frontend/dist to the stack's site bucket, writes the app's runtime configuration
# (config.json: where to sign in) from the stack outputs, and invalidates CloudFront.
# Hashed assets are immutable; index.html and config.json are revalidated on every load.
set -euo pipefail
stack=$1 region=$2
output() { aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
  --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
bucket=$(output SiteBucketName)
distribution=$(output DistributionId)
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf '{"authority":"%s","clientId":"%s","scope":"openid email profile","signOutUrl":"%s"}\n' \
  "$(output Authority)" "$(output AppClientId)" "$(output SignOutUrl)" > "$config"
aws s3 sync frontend/dist "s3://$bucket" --delete --exclude index.html --exclude config.json \
  --cache-control "public, max-age=31536000, immutable" --region "$region"
aws s3 cp "$config" "s3://$bucket/config.json" \
  --cache-control "no-cache" --content-type "application/json" --region "$region"
aws s3 cp frontend/dist/index.html "s3://$bucket/index.html" \
  --cache-control "no-cache" --content-type "text/html; charset=utf-8" --region "$region"
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/index.html" "/" "/config.json" >/dev/null
