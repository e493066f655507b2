# First touch: share the line's "Me" card with a phone number.
# Production: set CHERT_TENANT and CHERT_SIGNING_SECRET. The local mock: set only
# CHERT_BASE_URL; it takes any credentials (unless started with a signing secret).
base=${CHERT_BASE_URL:-https://console.trychert.com}
tenant=${CHERT_TENANT:-acme}
secret=${CHERT_SIGNING_SECRET:-mock-accepts-any-secret}
body='{"to":"+14155550199"}'
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" |
  openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')

curl -sS --fail-with-body \
  "$base/api/v1/chats/share-contact-info" \
  -H "x-chert-tenant: $tenant" \
  -H "x-chert-signature: v1,$ts,$sig" \
  -H 'content-type: application/json' \
  --data "$body"
