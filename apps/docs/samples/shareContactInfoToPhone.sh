# First touch: share the line's own "Me" card with a phone number.
body='{"to":"+14155550199"}'
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$CHERT_SIGNING_SECRET" | sed 's/^.* //')

curl --fail-with-body -sS \
  "${CHERT_BASE_URL:-https://console.trychert.com}/api/v1/chats/share-contact-info" \
  -H "x-chert-tenant: $CHERT_TENANT" \
  -H "x-chert-signature: v1,$ts,$sig" \
  -H 'content-type: application/json' \
  --data "$body"
