# First touch: no chat yet, so address the recipient by phone.
base=${CHERT_BASE_URL:-https://console.trychert.com}
body='{"to":"+14155550199","contact":{"full_name":"Ada Lovelace","phones":[{"value":"+14155550123"}]}}'
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" |
  openssl dgst -sha256 -hmac "$CHERT_SIGNING_SECRET" | sed 's/^.* //')

curl -sS --fail-with-body \
  "$base/api/v1/chats/send-contact" \
  -H "x-chert-tenant: $CHERT_TENANT" \
  -H "x-chert-signature: v1,$ts,$sig" \
  -H 'content-type: application/json' \
  --data "$body"
