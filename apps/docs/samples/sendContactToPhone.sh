# First touch: no chat yet, so address the recipient by phone. Keep the chat_id it returns.
body='{"to":"+14155550199","contact":{"full_name":"Ada Lovelace","phones":[{"value":"+14155550123"}]}}'
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$CHERT_SIGNING_SECRET" | sed 's/^.* //')

curl --fail-with-body -sS \
  "${CHERT_BASE_URL:-https://console.trychert.com}/api/v1/chats/send-contact" \
  -H "x-chert-tenant: $CHERT_TENANT" \
  -H "x-chert-signature: v1,$ts,$sig" \
  -H 'content-type: application/json' \
  --data "$body"
