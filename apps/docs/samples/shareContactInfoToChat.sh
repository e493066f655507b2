# No body: the signed string is the timestamp and a dot.
base=${CHERT_BASE_URL:-https://console.trychert.com}
ts=$(date +%s)
sig=$(printf '%s.' "$ts" |
  openssl dgst -sha256 -hmac "$CHERT_SIGNING_SECRET" | sed 's/^.* //')

curl -sS --fail-with-body -X POST \
  "$base/api/v1/chats/ch_8f3k2m9q/share-contact-info" \
  -H "x-chert-tenant: $CHERT_TENANT" \
  -H "x-chert-signature: v1,$ts,$sig"
