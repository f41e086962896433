-- One batch of the requests' sweep. KEYS: request expiries, request tombstones, sizes, bytes.
-- ARGV: now, key prefix, batch size, tombstone ms.
-- Deletes the ciphertext of requests past their expiry and keeps their tombstone until the
-- tombstone time has passed too; then deletes it. (Each request key also carries a TTL at that
-- time, so Redis frees it even when no instance sweeps.) Returns {expired looked at, tombstones deleted}.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
for i = 1, #ids, 2 do
  local id = ids[i]
  burn(ARGV[2] .. 'qn:' .. id, KEYS[3], KEYS[4], 'qn:' .. id)
  burn(ARGV[2] .. 'qa:' .. id, KEYS[3], KEYS[4], 'qa:' .. id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], string.format('%.0f', tonumber(ids[i + 1]) + tonumber(ARGV[4])), id)
end
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local deleted = 0
for _, id in ipairs(old) do
  deleted = deleted + redis.call('DEL', ARGV[2] .. 'q:' .. id)
  redis.call('ZREM', KEYS[2], id)
end
return {#ids / 2, deleted}
