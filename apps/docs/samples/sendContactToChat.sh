# Sign the exact bytes you send: HMAC-SHA256 of "<unix_seconds>.<body>", keyed with the secret.
body='{"contact":{"full_name":"Ada Lovelace","phones":[{"value":"+14155550123","label":"mobile"}]}}'
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$CHERT_SIGNING_SECRET" | sed 's/^.* //')

curl --fail-with-body -sS \
  "${CHERT_BASE_URL:-https://console.trychert.com}/api/v1/chats/ch_8f3k2m9q/send-contact" \
  -H "x-chert-tenant: $CHERT_TENANT" \
  -H "x-chert-signature: v1,$ts,$sig" \
  -H 'content-type: application/json' \
  --data "$body"
