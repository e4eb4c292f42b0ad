#!/usr/bin/env bash
# Uploads frontend/dist to the stack's site bucket and invalidates CloudFront.
# Hashed assets are immutable; index.html is revalidated on every load.
set -euo pipefail
stack=$1 region=$2
output() { aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
  --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
bucket=$(output SiteBucketName)
distribution=$(output DistributionId)
aws s3 sync frontend/dist "s3://$bucket" --delete --exclude index.html \
  --cache-control "public, max-age=31536000, immutable" --region "$region"
aws s3 cp frontend/dist/index.html "s3://$bucket/index.html" \
  --cache-control "no-cache" --content-type "text/html; charset=utf-8" --region "$region"
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/index.html" "/" >/dev/null
