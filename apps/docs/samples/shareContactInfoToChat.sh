# No body: the signed string is the timestamp and a dot.
# Production: set CHERT_TENANT and CHERT_SIGNING_SECRET. The local mock: set only
# CHERT_BASE_URL; it takes any credentials (unless started with a signing secret).
base=${CHERT_BASE_URL:-https://console.trychert.com}
tenant=${CHERT_TENANT:-acme}
secret=${CHERT_SIGNING_SECRET:-mock-accepts-any-secret}
ts=$(date +%s)
sig=$(printf '%s.' "$ts" |
  openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')

curl -sS --fail-with-body -X POST \
  "$base/api/v1/chats/ch_8f3k2m9q/share-contact-info" \
  -H "x-chert-tenant: $tenant" \
  -H "x-chert-signature: v1,$ts,$sig"
