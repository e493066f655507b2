# First touch: share the line's "Me" card with a phone number.
base=${CHERT_BASE_URL:-https://console.trychert.com}
body='{"to":"+14155550199"}'
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" |
  openssl dgst -sha256 -hmac "$CHERT_SIGNING_SECRET" | sed 's/^.* //')

curl -sS --fail-with-body \
  "$base/api/v1/chats/share-contact-info" \
  -H "x-chert-tenant: $CHERT_TENANT" \
  -H "x-chert-signature: v1,$ts,$sig" \
  -H 'content-type: application/json' \
  --data "$body"
